/// What the authorization server must keep across a restart: signing keys, codes, grants,
/// refresh tokens and revocations. Clients are the policy's to persist. Codes and refresh tokens
/// arrive already hashed. Implementations must be thread-safe; the server serialises the
/// read-modify-write sequences itself, so each method may be a plain read or upsert.
public protocol OAuthStateStore: Sendable {
    /// PEM private keys, oldest first.
    func signingKeyPEMs() throws(OAuthStoreError) -> [String]
    func addSigningKeyPEM(_ pem: String) throws(OAuthStoreError)

    func authorizationCode(hash: String) throws(OAuthStoreError) -> AuthorizationCodeRecord?
    func putAuthorizationCode(_ record: AuthorizationCodeRecord) throws(OAuthStoreError)

    func grant(id: String) throws(OAuthStoreError) -> GrantRecord?
    func allGrants() throws(OAuthStoreError) -> [GrantRecord]
    func putGrant(_ record: GrantRecord) throws(OAuthStoreError)

    func refreshToken(hash: String) throws(OAuthStoreError) -> RefreshTokenRecord?
    func putRefreshToken(_ record: RefreshTokenRecord) throws(OAuthStoreError)

    func revokedAccessToken(jti: String) throws(OAuthStoreError) -> RevokedAccessTokenRecord?
    func putRevokedAccessToken(_ record: RevokedAccessTokenRecord) throws(OAuthStoreError)

    /// Drops codes and access-token revocations that expired before `time`.
    func purge(expiredBefore time: Double) throws(OAuthStoreError)

    /// One bounded step of housekeeping, called on token requests: forgets grants that ended
    /// (revoked, or their refresh token expired) at least `retention` seconds before `now`,
    /// with their refresh tokens, touching about `budget` records at most (issue #16).
    /// A token of a forgotten grant is then unknown, so still refused.
    func sweep(now: Double, retention: Double, budget: Int) throws(OAuthStoreError)

    /// Forgets everything except signing keys (the test controls' reset).
    func removeAllGrantsAndCodes() throws(OAuthStoreError)
}

/// A storage failure, with what was being done.
public struct OAuthStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "OAuth state store: \(message)" }
}
