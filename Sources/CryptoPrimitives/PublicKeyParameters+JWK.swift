import Essentials

extension PublicKeyParameters {
    /// Parses the public members of a JWK (RFC 7517 §4, RFC 7518 §6), refusing what ES256 and
    /// RS256 cannot use. Private members ("d", "p", ...) are ignored: only verification needs this.
    init(jwk: JSONValue) throws(CryptoError) {
        let operation = "reading a JWK"
        guard let object = jwk.objectValue else {
            throw .invalid(operation, "a JWK must be a JSON object, got a \(jwk.kindName)")
        }
        guard let kty = object["kty"]?.stringValue else { throw .invalid(operation, "missing string member \"kty\"") }
        switch kty {
        case "EC":
            guard let crv = object["crv"]?.stringValue else { throw .invalid(operation, "missing string member \"crv\"") }
            guard crv == "P-256" else { throw .invalid(operation, "curve \"\(crv)\" is not supported; ES256 needs \"P-256\"") }
            let x = try Self.member("x", of: object, operation: operation)
            let y = try Self.member("y", of: object, operation: operation)
            guard x.count == Self.p256CoordinateLength, y.count == Self.p256CoordinateLength else {
                throw .invalid(operation, "P-256 coordinates must be 32 bytes each (RFC 7518 §6.2.1.2), got \(x.count) and \(y.count)")
            }
            self = .ec(x: x, y: y)
        case "RSA":
            var n = try Self.member("n", of: object, operation: operation)
            var e = try Self.member("e", of: object, operation: operation)
            n = Array(n.drop { $0 == 0 })
            e = Array(e.drop { $0 == 0 })
            guard n.count * 8 >= Self.minimumRSABits else {
                throw .invalid(operation, "RSA modulus is \(n.count * 8) bits; RS256 needs at least \(Self.minimumRSABits) (RFC 7518 §3.3)")
            }
            guard !e.isEmpty, e.count <= 8 else { throw .invalid(operation, "RSA exponent \"e\" is out of range") }
            self = .rsa(n: n, e: e)
        default:
            throw .invalid(operation, "key type \"\(kty)\" is not supported; expected \"EC\" or \"RSA\"")
        }
        if let alg = object["alg"] {
            guard alg.stringValue == algorithm.rawValue else {
                throw .invalid(operation, "\"alg\" \(alg) does not fit a \(kty) key; expected \"\(algorithm.rawValue)\"")
            }
        }
        if let use = object["use"] {
            guard use.stringValue == "sig" else { throw .invalid(operation, "\"use\" is \(use), not \"sig\"") }
        }
    }

    private static func member(_ name: String, of object: JSONObject, operation: String) throws(CryptoError) -> [UInt8] {
        guard let text = object[name]?.stringValue else { throw .invalid(operation, "missing string member \"\(name)\"") }
        guard let bytes = Base64URL.decode(text), !bytes.isEmpty else {
            throw .invalid(operation, "member \"\(name)\" is not non-empty base64url")
        }
        return bytes
    }

    /// An OpenSSL public key for these parameters; OpenSSL checks the EC point is on the curve.
    func makeKey() throws(CryptoError) -> EVPKey {
        switch self {
        case .ec(let x, let y):
            // SEC 1 §2.3.3 uncompressed point.
            return try EVPKey.publicKey(type: "EC", parameters: [.utf8("group", "prime256v1"), .octets("pub", [0x04] + x + y)],
                                        operation: "building an EC P-256 public key")
        case .rsa(let n, let e):
            return try EVPKey.publicKey(type: "RSA", parameters: [.unsigned("n", n), .unsigned("e", e)],
                                        operation: "building an RSA public key")
        }
    }
}
