/// Proof Key for Code Exchange (RFC 7636).
public enum PKCE {
    /// The `S256` code challenge (RFC 7636 §4.2): `BASE64URL-ENCODE(SHA256(ASCII(code_verifier)))`.
    public static func s256Challenge(verifier: String) -> String {
        Base64URL.encode(SHA256.hash(verifier))
    }

    /// Whether `verifier` is a well-formed code verifier (RFC 7636 §4.1): 43 to 128 characters
    /// from the unreserved set `[A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"`.
    public static func isValidVerifier(_ verifier: String) -> Bool {
        let bytes = verifier.utf8
        guard (43...128).contains(bytes.count) else { return false }
        return bytes.allSatisfy(isUnreserved)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
