import Essentials

/// The public half of a JOSE key as JWK members (RFC 7518 §6.2.1 for EC, §6.3.1 for RSA), and
/// the JWK SHA-256 thumbprint over them (RFC 7638 §3).
enum PublicKeyParameters: Sendable, Equatable {
    /// P-256 point; both coordinates exactly 32 bytes (RFC 7518 §6.2.1.2, §6.2.1.3).
    case ec(x: [UInt8], y: [UInt8])
    /// RSA modulus and public exponent, unsigned big-endian without leading zeros.
    case rsa(n: [UInt8], e: [UInt8])

    static let p256CoordinateLength = 32
    /// RFC 7518 §3.3: "A key of size 2048 bits or larger MUST be used with these algorithms."
    static let minimumRSABits = 2048

    var algorithm: SigningKey.Algorithm {
        switch self {
        case .ec: return .es256
        case .rsa: return .rs256
        }
    }

    /// Reads the parameters of an OpenSSL key, refusing anything but P-256 and RSA ≥ 2048 bits.
    init(key: EVPKey) throws(CryptoError) {
        let operation = "reading the public key"
        if key.isEC {
            let group = key.groupName ?? "unknown"
            guard group == "prime256v1" || group == "P-256" || group == "secp256r1" else {
                throw .invalid(operation, "EC curve \(group) is not supported; ES256 needs P-256 (prime256v1)")
            }
            self = .ec(x: try key.bigNumberParameter("qx", length: Self.p256CoordinateLength),
                       y: try key.bigNumberParameter("qy", length: Self.p256CoordinateLength))
        } else if key.isRSA {
            guard key.bits >= Self.minimumRSABits else {
                throw .invalid(operation, "RSA key is \(key.bits) bits; RS256 needs at least \(Self.minimumRSABits) (RFC 7518 §3.3)")
            }
            self = .rsa(n: try key.bigNumberParameter("n"), e: try key.bigNumberParameter("e"))
        } else {
            throw .invalid(operation, "only EC P-256 (ES256) and RSA (RS256) keys are supported")
        }
    }

    /// The required public members in the order JWKs are usually written.
    var jwkMembers: [(String, JSONValue)] {
        switch self {
        case .ec(let x, let y):
            return [("kty", "EC"), ("crv", "P-256"),
                    ("x", .string(Base64URL.encode(x))), ("y", .string(Base64URL.encode(y)))]
        case .rsa(let n, let e):
            return [("kty", "RSA"), ("n", .string(Base64URL.encode(n))), ("e", .string(Base64URL.encode(e)))]
        }
    }

    /// RFC 7638 §3.2-3.3: SHA-256 of the required members only, lexicographically ordered, with
    /// no whitespace; then base64url.
    var thumbprint: String {
        let sorted = jwkMembers.sorted { $0.0 < $1.0 }
        let canonical = JSONValue.object(JSONObject(sorted))
        return Base64URL.encode(SHA256.hash(JSONSerializer.bytes(canonical)))
    }

    /// The public JWK with the members a JWKS document carries (RFC 7517 §4).
    func publicJWK(keyID: String?) -> JSONValue {
        var object = JSONObject(jwkMembers)
        if let keyID { object["kid"] = .string(keyID) }
        object["alg"] = .string(algorithm.rawValue)
        object["use"] = "sig"
        return .object(object)
    }
}
