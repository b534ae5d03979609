import CryptoPrimitives

/// Codes and refresh tokens are stored by SHA-256 digest only (OAuth 2.0 Security BCP §4.14 /
/// RFC 6819 §5.1.4.1.3), so a leaked store does not leak usable credentials.
enum TokenHash {
    static func of(_ token: String) -> String { Base64URL.encode(SHA256.hash(token)) }
}
