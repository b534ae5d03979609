extension InMemoryOAuthStateStore {
    /// A rotated refresh token as kept for reuse detection (OAuth 2.1 §4.3.1): which grant it
    /// belongs to and when it was issued and rotated; 32 bytes beside its 32-byte digest. Its
    /// expiry and successor are not kept: a rotated token is refused as reused whatever they
    /// were, and the successor is the next token of the grant's chain.
    struct RotatedRefreshToken: Sendable {
        let grantID: String
        let issuedAt: Double
        let rotatedAt: Double
    }
}
