import Synchronization

/// The default `OAuthStateStore`: everything in memory, gone at exit.
public final class InMemoryOAuthStateStore: OAuthStateStore {
    struct Contents: Sendable {
        var keys: [String] = []
        var codes: [String: AuthorizationCodeRecord] = [:]
        var grants: [String: GrantRecord] = [:]
        var refreshTokens: [String: RefreshTokenRecord] = [:]
        var revokedAccessTokens: [String: RevokedAccessTokenRecord] = [:]
    }

    let contents = Mutex(Contents())

    public init() {}

    public func signingKeyPEMs() throws(OAuthStoreError) -> [String] { contents.withLock { $0.keys } }
    public func addSigningKeyPEM(_ pem: String) throws(OAuthStoreError) { contents.withLock { $0.keys.append(pem) } }

    public func authorizationCode(hash: String) throws(OAuthStoreError) -> AuthorizationCodeRecord? { contents.withLock { $0.codes[hash] } }
    public func putAuthorizationCode(_ record: AuthorizationCodeRecord) throws(OAuthStoreError) { contents.withLock { $0.codes[record.codeHash] = record } }

    public func grant(id: String) throws(OAuthStoreError) -> GrantRecord? { contents.withLock { $0.grants[id] } }
    public func allGrants() throws(OAuthStoreError) -> [GrantRecord] {
        contents.withLock { Array($0.grants.values) }.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }
    public func putGrant(_ record: GrantRecord) throws(OAuthStoreError) { contents.withLock { $0.grants[record.id] = record } }

    public func refreshToken(hash: String) throws(OAuthStoreError) -> RefreshTokenRecord? { contents.withLock { $0.refreshTokens[hash] } }
    public func putRefreshToken(_ record: RefreshTokenRecord) throws(OAuthStoreError) { contents.withLock { $0.refreshTokens[record.tokenHash] = record } }

    public func revokedAccessToken(jti: String) throws(OAuthStoreError) -> RevokedAccessTokenRecord? { contents.withLock { $0.revokedAccessTokens[jti] } }
    public func putRevokedAccessToken(_ record: RevokedAccessTokenRecord) throws(OAuthStoreError) {
        contents.withLock { $0.revokedAccessTokens[record.jti] = record }
    }

    public func purge(expiredBefore time: Double) throws(OAuthStoreError) {
        contents.withLock { state in
            state.codes = state.codes.filter { $0.value.expiresAt >= time }
            state.revokedAccessTokens = state.revokedAccessTokens.filter { $0.value.expiresAt >= time }
        }
    }

    public func removeAllGrantsAndCodes() throws(OAuthStoreError) {
        contents.withLock { state in
            state.codes = [:]
            state.grants = [:]
            state.refreshTokens = [:]
            state.revokedAccessTokens = [:]
        }
    }
}
