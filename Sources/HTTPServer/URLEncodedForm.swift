/// `application/x-www-form-urlencoded` (WHATWG URL §5) and RFC 3986 percent-encoding.
public enum URLEncodedForm {
    /// Name/value pairs in order; `+` is a space; malformed escapes are kept literally, as browsers do.
    public static func parse(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = percentDecodeLenient(String(parts[0]))
            let value = parts.count > 1 ? percentDecodeLenient(String(parts[1])) : ""
            return (name, value)
        }
    }

    public static func parse(_ body: [UInt8]) -> [(name: String, value: String)] {
        parse(String(decoding: body, as: UTF8.self))
    }

    /// Strict decoding: nil on a malformed `%` escape or invalid UTF-8.
    public static func percentDecode(_ text: String, plusAsSpace: Bool) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
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
