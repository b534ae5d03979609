/// A refresh token, stored by hash, and its place in the rotation chain (OAuth 2.1 §4.3.1):
/// a rotated token presented again means theft, and its whole grant is revoked.
public struct RefreshTokenRecord: Sendable, Equatable {
    public var tokenHash: String
    public var grantID: String
    public var clientID: String
    public var issuedAt: Double
    /// nil when the token never expires (only grant revocation ends it).
    public var expiresAt: Double?
    public var rotatedAt: Double?
    public var replacedByHash: String?

    public init(tokenHash: String, grantID: String, clientID: String, issuedAt: Double, expiresAt: Double?, rotatedAt: Double? = nil, replacedByHash: String? = nil) {
        self.tokenHash = tokenHash
        self.grantID = grantID
        self.clientID = clientID
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.rotatedAt = rotatedAt
        self.replacedByHash = replacedByHash
    }
}
