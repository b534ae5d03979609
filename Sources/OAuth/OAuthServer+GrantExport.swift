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
            contents.grants.values
                .sorted { ($0.record.createdAt, $0.record.id) < ($1.record.createdAt, $1.record.id) }
                .map { OAuthServer.ExportedGrant(grant: $0.record, refreshTokens: contents.chain(of: $0)) }
        }
    }

    func replaceGrants(_ grants: [OAuthServer.ExportedGrant]) {
        contents.withLock { contents in
            var replaced = Contents(keys: contents.keys, revokedAccessTokens: contents.revokedAccessTokens,
                                    revocationExpiry: contents.revocationExpiry)
            for exported in grants { replaced.putGrant(exported.grant) }
            for exported in grants {
                for token in exported.refreshTokens { replaced.putRefreshToken(token) }
            }
            contents = replaced
        }
    }
}
