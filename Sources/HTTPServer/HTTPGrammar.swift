/// Byte classes from the HTTP grammar (RFC 9110 §5.6.2 token, §5.5 field values).
enum HTTPGrammar {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B

    /// tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    @inline(__always)
    static func isTokenChar(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: return true
        default: return false
        }
    }

    /// field-vchar / SP / HTAB: visible ASCII, obs-text (0x80–0xFF), space and tab. NUL, CR,
    /// LF and other controls are refused (RFC 9110 §5.5).
    @inline(__always)
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte >= 0x20 ? byte != 0x7F : byte == tab
    }

    /// Whether every byte of `bytes[start..<end]` is a field-value byte (`isFieldValueByte`).
    /// Eight bytes at a time: a word with no byte below 0x20 and none equal to 0x7F holds only
    /// allowed bytes (the tests for "some byte below n" and "some byte zero" are exact as to
    /// whether one exists); a word that fails is checked byte by byte, since a tab is allowed.
    /// An 800-byte bearer token was checked one byte at a time on every tool call.
    static func areFieldValueBytes(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        guard let base = bytes.baseAddress, start >= 0, end <= bytes.count else { return start >= end }
        let ones: UInt64 = 0x0101_0101_0101_0101, highBits: UInt64 = 0x8080_8080_8080_8080
        var index = start
        while end - index >= 8 {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let belowSpace = (word &- ones &* 0x20) & ~word & highBits
            let delete = word ^ (ones &* 0x7F)
            let hasDelete = (delete &- ones) & ~delete & highBits
            if belowSpace | hasDelete != 0 {
                for offset in index..<index + 8 where !isFieldValueByte(bytes[offset]) { return false }
            }
            index += 8
        }
        for offset in index..<end where !isFieldValueByte(bytes[offset]) { return false }
        return true
    }

    /// A request-target byte: visible ASCII only (RFC 3986 characters; no spaces or controls).
    @inline(__always)
    static func isTargetByte(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: return Int(byte - 0x30)
        case 0x41...0x46: return Int(byte - 0x41 + 10)
        case 0x61...0x66: return Int(byte - 0x61 + 10)
        default: return nil
        }
    }

    /// ASCII case-insensitive comparison of raw bytes with a lowercase literal.
    @inline(__always)
    static func equalsLowercase(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ literal: StaticString) -> Bool {
        guard end - start == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<(end - start) {
            var byte = bytes[start + offset]
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if byte != pointer[offset] { return false }
        }
        return true
    }
}
