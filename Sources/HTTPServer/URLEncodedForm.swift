/// `application/x-www-form-urlencoded` (WHATWG URL §5) and RFC 3986 percent-encoding.
public enum URLEncodedForm {
    /// Name/value pairs in order; `+` is a space; malformed escapes are kept literally, as browsers do.
    public static func parse(_ text: String) -> [(name: String, value: String)] {
        parse(Array(text.utf8))
    }

    /// Splits on the bytes `&` and `=` (WHATWG URL §5.1 works on bytes), never on `Character`s:
    /// grapheme breaking made this the costliest step of a token request.
    public static func parse(_ body: [UInt8]) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        body.withUnsafeBufferPointer { bytes in
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "&") { end += 1 }
                if end > start {
                    var equals = start
                    while equals < end, bytes[equals] != UInt8(ascii: "=") { equals += 1 }
                    let name = decodeLenient(UnsafeBufferPointer(rebasing: bytes[start..<equals]))
                    let value = equals < end ? decodeLenient(UnsafeBufferPointer(rebasing: bytes[(equals + 1)..<end])) : ""
                    pairs.append((name, value))
                }
                start = end + 1
            }
        }
        return pairs
    }

    /// `percentDecodeLenient` on bytes, exactly as `parse(String)` decodes the same bytes: the
    /// text is repaired (invalid UTF-8 to U+FFFD) before escapes are decoded, so a raw byte never
    /// completes an escaped one (`%C3\xB2` stays literal, `\xFF%40` gives U+FFFD `@`). ASCII
    /// input (tokens, ids, URLs) needs no repair and takes the direct path.
    private static func decodeLenient(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var ascii = true, escaped = false
        for byte in bytes {
            if byte >= 0x80 { ascii = false }
            if byte == UInt8(ascii: "%") || byte == UInt8(ascii: "+") { escaped = true }
        }
        // ASCII with nothing to decode (tokens, ids, grant types): valid UTF-8 as it stands.
        if ascii, !escaped { return String(decoding: bytes, as: UTF8.self) }
        if ascii, let decoded = percentDecode(bytes, plusAsSpace: true) { return decoded }
        return percentDecodeLenient(String(decoding: bytes, as: UTF8.self))
    }

    /// Strict decoding: nil on a malformed `%` escape or invalid UTF-8.
    public static func percentDecode(_ text: String, plusAsSpace: Bool) -> String? {
        var text = text
        return text.withUTF8 { percentDecode($0, plusAsSpace: plusAsSpace) }
    }

    static func percentDecode(_ input: UnsafeBufferPointer<UInt8>, plusAsSpace: Bool) -> String? {
        // Nothing to decode (the common case for tokens and ids): validate and copy once.
        if !input.contains(where: { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }) {
            return String(validating: input, as: UTF8.self)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            index += 1
            if byte == UInt8(ascii: "%") {
                guard index + 1 < input.count, let high = hexValue(input[index]), let low = hexValue(input[index + 1]) else { return nil }
                bytes.append(high << 4 | low)
                index += 2
            } else if plusAsSpace, byte == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func percentDecodeLenient(_ text: String) -> String {
        percentDecode(text, plusAsSpace: true) ?? text.replacingPlusWithSpace()
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    public static func percentEncode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0x0F, radix: 16, uppercase: true)
            }
        }
        return output
    }

    /// Encodes pairs as a query string or form body.
    public static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { percentEncode($0.0) + "=" + percentEncode($0.1) }.joined(separator: "&")
    }
}

extension String {
    fileprivate func replacingPlusWithSpace() -> String {
        String(map { $0 == "+" ? " " : $0 })
    }
}
