extension InMemoryOAuthStateStore {
    /// A grant and the refresh tokens issued from it, so they can be forgotten together.
    struct GrantSlot: Sendable {
        var record: GrantRecord
        /// The hash of the token not yet rotated (rotation off: the one token), if any.
        var live: String?
        /// Tokens with a digest hash, in issuance order (rotated ones are compact).
        var chain: [TokenDigest] = []
        /// Tokens whose hash is not a digest, kept whole.
        var others: [String] = []
    }
}
