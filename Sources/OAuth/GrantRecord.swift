import Essentials

/// One authorization (a redeemed code) and everything issued from it: its refresh-token chain
/// and the access tokens that carry its id in `sid`. Revoking it stops them all.
public struct GrantRecord: Sendable, Equatable {
    public var id: String
    public var clientID: String
    public var subjectID: String
    /// The scopes originally granted; refreshes may narrow, never widen (RFC 6749 §6).
    public var scopes: [String]
    public var resource: String?
    public var claims: JSONObject
    public var createdAt: Double
    public var revokedAt: Double?
    public var revocationReason: String?

    public init(id: String, clientID: String, subjectID: String, scopes: [String], resource: String?, claims: JSONObject,
                createdAt: Double, revokedAt: Double? = nil, revocationReason: String? = nil) {
        self.id = id
        self.clientID = clientID
        self.subjectID = subjectID
        self.scopes = scopes
        self.resource = resource
        self.claims = claims
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.revocationReason = revocationReason
    }

    public var isRevoked: Bool { revokedAt != nil }
}
