import CryptoPrimitives

/// A token hash (`TokenHash.of`: base64url SHA-256, 43 characters) held as its 32 raw bytes, so
/// a rotated refresh token kept for reuse detection (OAuth 2.1 §4.3.1) costs a fixed 32 bytes
/// of key instead of a heap-allocated string. Only the canonical encoding converts: any other
/// text (a seed's or a test's made-up hash) stays a string, and round trips stay exact.
struct TokenDigest: Hashable, Sendable {
    let word0: UInt64
    let word1: UInt64
    let word2: UInt64
    let word3: UInt64

    init?(hash: String) {
        // 43 characters carry 258 bits: the last one's two low bits must be zero, or the text
        // decodes to these bytes without being the encoding they print back as.
        guard hash.utf8.count == 43, let last = hash.utf8.last, Self.sextet(last) & 0b11 == 0,
              let bytes = Base64URL.decode(hash), bytes.count == 32 else { return nil }
        func word(_ start: Int) -> UInt64 {
            var value: UInt64 = 0
            for byte in bytes[start..<(start + 8)] { value = value << 8 | UInt64(byte) }
            return value
        }
        word0 = word(0)
        word1 = word(8)
        word2 = word(16)
        word3 = word(24)
    }

    /// The value of a base64url character; 0 for any other byte (then decoding refuses it).
    private static func sextet(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: 0
        }
    }

    var hash: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for word in [word0, word1, word2, word3] {
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return Base64URL.encode(bytes)
    }
}
