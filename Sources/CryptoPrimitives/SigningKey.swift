import COpenSSL
import Essentials

/// A private key for signing JWS (RFC 7515) with ES256 (ECDSA P-256 + SHA-256) or RS256
/// (RSASSA-PKCS1-v1_5 + SHA-256), RFC 7518 §3.3-3.4.
///
/// The parsed OpenSSL key is kept for the life of the object, so signing and verifying never
/// re-read PEM. Its `keyID` is the RFC 7638 JWK thumbprint, stable across restarts for the same
/// key material.
public final class SigningKey: Sendable {
    public let algorithm: Algorithm
    /// RFC 7638 JWK SHA-256 thumbprint of the public key, base64url.
    public let keyID: String
    let joseKey: JOSEKey
    private let parameters: PublicKeyParameters

    init(key: EVPKey) throws(CryptoError) {
        parameters = try PublicKeyParameters(key: key)
        algorithm = parameters.algorithm
        keyID = parameters.thumbprint
        joseKey = JOSEKey(key: key, algorithm: algorithm)
    }

    /// A fresh key: EC P-256 for ES256 (fast), RSA-2048 for RS256 (slow; only when asked).
    public static func generate(_ algorithm: Algorithm) throws(CryptoError) -> SigningKey {
        switch algorithm {
        case .es256:
            let key = try EVPKey.generate(type: "EC", operation: "generating an EC P-256 key") { context in
                EVP_PKEY_CTX_set_group_name(context, "P-256")
            }
            return try SigningKey(key: key)
        case .rs256:
            let key = try EVPKey.generate(type: "RSA", operation: "generating an RSA-2048 key") { context in
                EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(PublicKeyParameters.minimumRSABits))
            }
            return try SigningKey(key: key)
        }
    }

    /// A key from PEM: PKCS#8 "PRIVATE KEY", or the traditional "EC PRIVATE KEY" (RFC 5915) /
    /// "RSA PRIVATE KEY" (RFC 8017) forms. The algorithm follows from the key type; curves other
    /// than P-256 and RSA keys under 2048 bits are refused.
    public convenience init(pem: String) throws(CryptoError) {
        try self.init(key: EVPKey.privateKey(pem: pem))
    }

    /// The private key as unencrypted PKCS#8 "PRIVATE KEY" PEM (RFC 5958, RFC 7468 §10).
    public func privateKeyPEM() throws(CryptoError) -> String {
        try joseKey.key.privateKeyPEM()
    }

    /// The public key as a JWK for a JWKS document: `kty` and key members, then `kid`, `alg`,
    /// `use: "sig"`.
    public func publicJWK() -> JSONValue {
        parameters.publicJWK(keyID: keyID)
    }

    /// A verifier sharing this key's parsed OpenSSL key.
    public var verifyingKey: VerifyingKey {
        VerifyingKey(joseKey: joseKey, parameters: parameters, keyID: keyID)
    }

    /// The JWS Signature bytes over `message` (the JWS Signing Input): 64-byte `R || S` for
    /// ES256, PKCS#1 v1.5 for RS256.
    public func sign(_ message: [UInt8]) throws(CryptoError) -> [UInt8] {
        try joseKey.sign(message)
    }

    public func verify(signature: [UInt8], message: [UInt8]) -> Bool {
        joseKey.verify(signature: signature, message: message)
    }
}

extension SigningKey {
    /// JWS "alg" values this module implements (RFC 7518 §3.1).
    public enum Algorithm: String, Sendable, CaseIterable {
        case es256 = "ES256"
        case rs256 = "RS256"
    }
}
