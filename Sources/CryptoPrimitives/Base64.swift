/// Standard base64 (RFC 4648 §4), padded on encode, as HTTP Basic credentials (RFC 7617) and
/// PEM use it. Decode accepts missing padding but refuses wrong padding and any other character.
public enum Base64 {
    static let codec = Base64Codec(char62: "+", char63: "/", pads: true)

    public static func encode(_ bytes: [UInt8]) -> String { codec.encode(bytes) }

    public static func decode(_ text: String) -> [UInt8]? { codec.decode(text) }

    /// `decode` over UTF-8 bytes already in hand (a header value), without making a `String`.
    public static func decode(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? { codec.decode(utf8: bytes) }
}
