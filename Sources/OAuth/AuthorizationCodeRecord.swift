import Essentials

/// An issued authorization code (RFC 6749 §4.1.2), stored by hash, with everything it is bound
/// to: client, redirect URI, PKCE challenge (RFC 7636 §4.4), scopes, resource (RFC 8707) and the
/// person who approved it, plus the policy's claims at approval time (e.g. authorization context).
public struct AuthorizationCodeRecord: Sendable, Equatable {
    public var codeHash: String
    public var clientID: String
    public var redirectURI: String
    public var codeChallenge: String
    public var scopes: [String]
    public var resource: String?
    public var subjectID: String
    public var claims: JSONObject
    public var issuedAt: Double
    public var expiresAt: Double
    /// Set when redeemed; a second redemption is a replay (RFC 6749 §4.1.2).
    public var consumedAt: Double?
    /// The grant created by the redemption, revoked on replay.
    public var grantID: String?

    public init(codeHash: String, clientID: String, redirectURI: String, codeChallenge: String, scopes: [String], resource: String?,
                subjectID: String, claims: JSONObject, issuedAt: Double, expiresAt: Double, consumedAt: Double? = nil, grantID: String? = nil) {
        self.codeHash = codeHash
        self.clientID = clientID
        self.redirectURI = redirectURI
        self.codeChallenge = codeChallenge
        self.scopes = scopes
        self.resource = resource
        self.subjectID = subjectID
        self.claims = claims
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.consumedAt = consumedAt
        self.grantID = grantID
    }

    /// What a redemption leaves behind until the code expires: only what replay detection
    /// reads (when, for which client, which grant to revoke; RFC 6749 §4.1.2, RFC 9700 §4.5).
    /// The challenge, redirect URI, scopes and claims are not kept, so a stream of code grants
    /// holds a few dozen bytes per code instead of every code whole (issue #16).
    public func redeemed(at time: Double, grantID: String) -> AuthorizationCodeRecord {
        AuthorizationCodeRecord(codeHash: codeHash, clientID: clientID, redirectURI: "", codeChallenge: "", scopes: [], resource: nil,
                                subjectID: "", claims: JSONObject(), issuedAt: issuedAt, expiresAt: expiresAt, consumedAt: time, grantID: grantID)
    }
}
