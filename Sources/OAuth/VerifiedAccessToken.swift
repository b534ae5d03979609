import Essentials

/// An access token that passed every check (RFC 9068 §4): what the bearer gate hands the MCP
/// layer (who, which client, which scopes, until when).
public struct VerifiedAccessToken: Sendable, Equatable {
    public let subject: String
    public let clientID: String
    public let scopes: Set<String>
    /// Seconds since the epoch (`exp`).
    public let expiresAt: Double
    /// The grant the token came from (`sid`); revoking it ends the token.
    public let grantID: String
    /// The token's `jti`.
    public let tokenID: String
    /// Every claim of the token, including the policy's.
    public let claims: JSONObject

    public init(subject: String, clientID: String, scopes: Set<String>, expiresAt: Double, grantID: String, tokenID: String, claims: JSONObject) {
        self.subject = subject
        self.clientID = clientID
        self.scopes = scopes
        self.expiresAt = expiresAt
        self.grantID = grantID
        self.tokenID = tokenID
        self.claims = claims
    }
}
