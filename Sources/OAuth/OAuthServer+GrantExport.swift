extension OAuthServer {
    /// One grant with its refresh-token chain, as the test controls' state document carries it:
    /// refresh tokens by SHA-256 hash only (OAuth 2.0 Security BCP §4.14), never the tokens.
    public struct ExportedGrant: Sendable, Equatable {
        public var grant: GrantRecord
        public var refreshTokens: [RefreshTokenRecord]

        public init(grant: GrantRecord, refreshTokens: [RefreshTokenRecord]) {
            self.grant = grant
            self.refreshTokens = refreshTokens
        }
    }

    /// Every grant with its refresh tokens, oldest first; empty with a persistent store.
    public func exportedGrants() -> [ExportedGrant] {
        guard let memory = store as? InMemoryOAuthStateStore else { return [] }
        return memory.exportedGrants()
    }

    /// Replaces all grants and refresh tokens (pending codes are dropped); the verified-token
    /// cache is emptied, so an access token whose grant is gone stops working at once.
    public func replaceGrants(_ grants: [ExportedGrant]) {
        state.withLock { state in
            (store as? InMemoryOAuthStateStore)?.replaceGrants(grants)
            state.verifiedTokens = [:]
        }
    }
}

extension InMemoryOAuthStateStore {
    func exportedGrants() -> [OAuthServer.ExportedGrant] {
        contents.withLock { contents in
            let tokens = Dictionary(grouping: contents.refreshTokens.values, by: \.grantID)
            return contents.grants.values
                .sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
                .map { grant in
                    let chain = (tokens[grant.id] ?? []).sorted { ($0.issuedAt, $0.tokenHash) < ($1.issuedAt, $1.tokenHash) }
                    return OAuthServer.ExportedGrant(grant: grant, refreshTokens: chain)
                }
        }
    }

    func replaceGrants(_ grants: [OAuthServer.ExportedGrant]) {
        contents.withLock { contents in
            contents.codes = [:]
            contents.grants = Dictionary(grants.map { ($0.grant.id, $0.grant) }, uniquingKeysWith: { _, last in last })
            contents.refreshTokens = Dictionary(grants.flatMap(\.refreshTokens).map { ($0.tokenHash, $0) }, uniquingKeysWith: { _, last in last })
        }
    }
}
