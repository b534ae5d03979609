import Essentials

/// JWK SHA-256 thumbprints (RFC 7638) of arbitrary public JWKs, e.g. to name a client's key.
public enum JWKThumbprint {
    /// The base64url SHA-256 thumbprint over the required members of an EC P-256 or RSA JWK
    /// (RFC 7638 §3.2); optional members such as "kid" or "alg" do not change it.
    public static func sha256(jwk: JSONValue) throws(CryptoError) -> String {
        try PublicKeyParameters(jwk: jwk).thumbprint
    }
}
