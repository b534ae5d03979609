/// base64url (RFC 4648 §5) as JOSE uses it (RFC 7515 §2): URL-safe alphabet, no padding on
/// encode; decode accepts the text with or without correct trailing `=` padding.
public enum Base64URL {
    static let codec = Base64Codec(char62: "-", char63: "_", pads: false)

    public static func encode(_ bytes: [UInt8]) -> String { codec.encode(bytes) }

    /// The bytes, or nil on any character outside the alphabet, misplaced or wrong padding,
    /// an impossible length, or non-zero unused bits.
    public static func decode(_ text: String) -> [UInt8]? { codec.decode(text) }
}
