import Synchronization

/// The default `OAuthStateStore`: everything in memory, gone at exit.
///
/// Bounded under a long stream of grants (issue #16): a redeemed code is kept only as what
/// replay detection reads (`AuthorizationCodeRecord.redeemed`) until it expires; a rotated
/// refresh token as its 32-byte digest, grant and times (`RotatedRefreshToken`); expired codes and
/// revocations leave through an expiry heap; and `sweep` prunes grants that ended, with their
/// tokens, a few at a time.
public final class InMemoryOAuthStateStore: OAuthStateStore {
    let contents = Mutex(Contents())

    public init() {}

    public func signingKeyPEMs() throws(OAuthStoreError) -> [String] { contents.withLock { $0.keys } }
    public func addSigningKeyPEM(_ pem: String) throws(OAuthStoreError) { contents.withLock { $0.keys.append(pem) } }

    public func authorizationCode(hash: String) throws(OAuthStoreError) -> AuthorizationCodeRecord? { contents.withLock { $0.codes[hash] } }
    public func putAuthorizationCode(_ record: AuthorizationCodeRecord) throws(OAuthStoreError) { contents.withLock { $0.putCode(record) } }

    public func grant(id: String) throws(OAuthStoreError) -> GrantRecord? { contents.withLock { $0.grants[id]?.record } }
    public func allGrants() throws(OAuthStoreError) -> [GrantRecord] {
        contents.withLock { $0.grants.values.map(\.record) }.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }
    public func putGrant(_ record: GrantRecord) throws(OAuthStoreError) { contents.withLock { $0.putGrant(record) } }

    public func refreshToken(hash: String) throws(OAuthStoreError) -> RefreshTokenRecord? { contents.withLock { $0.refreshToken(hash: hash) } }
    public func putRefreshToken(_ record: RefreshTokenRecord) throws(OAuthStoreError) { contents.withLock { $0.putRefreshToken(record) } }

    public func revokedAccessToken(jti: String) throws(OAuthStoreError) -> RevokedAccessTokenRecord? { contents.withLock { $0.revokedAccessTokens[jti] } }
    public func putRevokedAccessToken(_ record: RevokedAccessTokenRecord) throws(OAuthStoreError) {
        contents.withLock { $0.putRevocation(record) }
    }

    public func purge(expiredBefore time: Double) throws(OAuthStoreError) {
        contents.withLock { $0.purge(expiredBefore: time) }
    }

    public func sweep(now: Double, retention: Double, budget: Int) throws(OAuthStoreError) {
        contents.withLock { $0.sweep(now: now, retention: retention, budget: budget) }
    }

    public func removeAllGrantsAndCodes() throws(OAuthStoreError) {
        contents.withLock { $0.removeAllButKeys() }
    }

    /// How many records of each kind are held (grants, refresh tokens kept whole, rotated
    /// refresh tokens kept compact, codes, revocations), for tests and the memory figures.
    public var counts: (grants: Int, refreshTokens: Int, rotatedRefreshTokens: Int, codes: Int, revocations: Int) {
        contents.withLock { ($0.grants.count, $0.refreshTokens.count, $0.rotatedRefreshTokens.count, $0.codes.count, $0.revokedAccessTokens.count) }
    }
}
