/// Why a bearer token was refused (RFC 6750 §3.1 `invalid_token`), in words a client developer
/// can act on; `description` goes into `error_description` and the journal.
public enum AccessTokenRejection: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)
    case badSignature(String)
    case notAnAccessToken(type: String)
    case expired(at: Double)
    case wrongIssuer(found: String, expected: String)
    case wrongAudience(found: String, expected: String)
    /// The reason names what was revoked ("grant revoked: refresh token reuse detected").
    case revoked(String)
    case authorizationWithdrawn(String)
    case unavailable(String)

    public var description: String {
        switch self {
        case .malformed(let detail): return "token is malformed: \(detail)"
        case .badSignature(let detail): return "token signature is not valid: \(detail)"
        case .notAnAccessToken(let type): return "token has typ '\(type)', not an access token (at+jwt, RFC 9068 §2.1)"
        case .expired(let at): return "token expired at \(Timestamp.iso8601(at))"
        case .wrongIssuer(let found, let expected): return "issuer \(found) does not match \(expected)"
        case .wrongAudience(let found, let expected): return "audience \(found) does not match this resource \(expected)"
        case .revoked(let reason): return reason
        case .authorizationWithdrawn(let reason): return "authorization withdrawn: \(reason)"
        case .unavailable(let reason): return "token could not be checked: \(reason)"
        }
    }

    /// A short stable name, for the journal's rule field.
    public var rule: String {
        switch self {
        case .malformed: return "bearer.malformed"
        case .badSignature: return "bearer.signature"
        case .notAnAccessToken: return "bearer.type"
        case .expired: return "bearer.expired"
        case .wrongIssuer: return "bearer.issuer"
        case .wrongAudience: return "bearer.audience"
        case .revoked: return "bearer.revoked"
        case .authorizationWithdrawn: return "bearer.policy"
        case .unavailable: return "bearer.store"
        }
    }
}
