/// An access token revoked on its own (RFC 7009), by `jti`; kept until it would have expired.
public struct RevokedAccessTokenRecord: Sendable, Equatable {
    public var jti: String
    public var expiresAt: Double
    public var reason: String

    public init(jti: String, expiresAt: Double, reason: String) {
        self.jti = jti
        self.expiresAt = expiresAt
        self.reason = reason
    }
}
