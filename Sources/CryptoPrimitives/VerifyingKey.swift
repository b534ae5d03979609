import Essentials

/// A public key for verifying JWS made elsewhere, built from a JWK (RFC 7517 §4; EC members per
/// RFC 7518 §6.2.1, RSA per §6.3.1). The OpenSSL key is built once and reused for every check.
public final class VerifyingKey: Sendable {
    public let algorithm: SigningKey.Algorithm
    /// The JWK's "kid", if it had one; used to match a JWS header's "kid".
    public let keyID: String?
    /// RFC 7638 JWK SHA-256 thumbprint of the key, base64url.
    public let thumbprint: String
    let joseKey: JOSEKey
    private let parameters: PublicKeyParameters

    init(joseKey: JOSEKey, parameters: PublicKeyParameters, keyID: String?) {
        self.joseKey = joseKey
        self.parameters = parameters
        self.algorithm = joseKey.algorithm
        self.keyID = keyID
        self.thumbprint = parameters.thumbprint
    }

    /// Accepts EC P-256 and RSA (≥ 2048-bit) JWKs; an "alg" member must match the key type and a
    /// "use" member must be "sig". Private members are ignored.
    public convenience init(jwk: JSONValue) throws(CryptoError) {
        let parameters = try PublicKeyParameters(jwk: jwk)
        let key = try parameters.makeKey()
        if jwk["kid"] != nil, jwk["kid"]?.stringValue == nil {
            throw .invalid("reading a JWK", "\"kid\" must be a string")
        }
        self.init(joseKey: JOSEKey(key: key, algorithm: parameters.algorithm),
                  parameters: parameters, keyID: jwk["kid"]?.stringValue)
    }

    /// The public JWK (key members, then `kid` when known, `alg`, `use`).
    public func publicJWK() -> JSONValue {
        parameters.publicJWK(keyID: keyID)
    }

    public func verify(signature: [UInt8], message: [UInt8]) -> Bool {
        joseKey.verify(signature: signature, message: message)
    }
}
