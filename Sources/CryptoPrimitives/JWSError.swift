/// Why a compact JWS (RFC 7515 §7.1) was refused.
public enum JWSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not three base64url segments, a header or payload that is not the JSON it must be, a
    /// missing "alg", or a "crit" header we cannot honour (RFC 7515 §4.1.11). Carries the reason.
    case malformed(String)
    /// The header's "alg": "none" (RFC 7518 §3.6 — never accepted here), an algorithm this module
    /// does not implement, or one that does not match the selected key. Carries the "alg" value.
    case unsupportedAlgorithm(String)
    /// No key has the header's "kid". Carries that kid; empty when the header has no "kid" and
    /// the key set does not hold exactly one key.
    case unknownKey(String)
    /// The signature does not verify over the JWS Signing Input.
    case badSignature

    public var description: String {
        switch self {
        case .malformed(let reason):
            return "malformed JWS: \(reason)"
        case .unsupportedAlgorithm(let alg):
            return "JWS algorithm \"\(alg)\" is not accepted here (only ES256 and RS256, matching the key)"
        case .unknownKey(let kid):
            return kid.isEmpty
                ? "JWS header has no \"kid\" and there is not exactly one key to verify it with"
                : "no verification key has kid \"\(kid)\""
        case .badSignature:
            return "JWS signature does not verify"
        }
    }
}
