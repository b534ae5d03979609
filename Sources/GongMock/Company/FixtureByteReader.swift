#if canImport(Glibc)
import Glibc
#endif

/// A strict, forward-only reader of JSON bytes for the fast fixture path
/// (`ConversationFixtureFastDecoder`). It reads exactly the shapes it is asked for and answers
/// nil or false at the first thing it does not expect (including JSON it could parse but chooses
/// not to: `\u` escapes, fractions, exponents); the caller then gives up and the general path
/// (`JSONParser` + `CompanyFixtureDecoder`) decodes the file and reports any problem precisely.
/// It never accepts what `JSONParser` (RFC 8259) would refuse.
struct FixtureByteReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Whether only whitespace is left.
    mutating func atEnd() -> Bool {
        skipWhitespace()
        return index == bytes.count
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// `null`.
    mutating func null() -> Bool {
        skipWhitespace()
        guard index + 4 <= bytes.count, bytes[index] == UInt8(ascii: "n"), bytes[index + 1] == UInt8(ascii: "u"),
              bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l") else { return false }
        index += 4
        return true
    }

    /// Whether the next value is `null` (without reading it).
    mutating func nextIsNull() -> Bool {
        skipWhitespace()
        return index < bytes.count && bytes[index] == UInt8(ascii: "n")
    }

    /// An integer written without fraction or exponent, at most 15 digits (exact in a Double).
    mutating func int() -> Int? {
        skipWhitespace()
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let start = index
        var value = 0
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            value = value * 10 + Int(bytes[index] - 0x30)
            index += 1
        }
        let digits = index - start
        // JSON forbids leading zeros; a fraction or exponent goes to the general path.
        guard digits > 0, digits <= 15, !(digits > 1 && bytes[start] == 0x30) else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] | 0x20 == UInt8(ascii: "e") { return nil }
        return negative ? -value : value
    }

    /// A string; nil for anything else, for invalid UTF-8, control characters or `\u` escapes.
    mutating func string() -> String? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = index
        var bits: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = Self.text(UnsafeBufferPointer(rebasing: bytes[start..<index]), ascii: bits < 0x80)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return escapedString(from: start) }
            if byte < 0x20 { return nil }
            bits |= byte
            index += 1
        }
        return nil
    }

    /// ASCII needs no validation (and `String(decoding:)` has a fast path for it); anything else
    /// must be valid UTF-8, as `JSONParser` requires.
    private static func text(_ utf8: UnsafeBufferPointer<UInt8>, ascii: Bool) -> String? {
        ascii ? String(decoding: utf8, as: UTF8.self) : String(validating: utf8, as: UTF8.self)
    }

    private mutating func escapedString(from start: Int) -> String? {
        var scalars: [UInt8] = []
        scalars.reserveCapacity(2 * (index - start) + 16)
        var runStart = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                if byte < 0x20 { return nil }
                index += 1
                continue
            }
            scalars.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            index += 1
            if byte == UInt8(ascii: "\"") {
                return scalars.withUnsafeBufferPointer { Self.text($0, ascii: !$0.contains { $0 >= 0x80 }) }
            }
            guard index < bytes.count else { return nil }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
            case UInt8(ascii: "b"): scalars.append(0x08)
            case UInt8(ascii: "f"): scalars.append(0x0C)
            case UInt8(ascii: "n"): scalars.append(0x0A)
            case UInt8(ascii: "r"): scalars.append(0x0D)
            case UInt8(ascii: "t"): scalars.append(0x09)
            default: return nil
            }
            runStart = index
        }
        return nil
    }

    /// A non-empty string (what `FixtureObjectReader.string` accepts).
    mutating func nonEmptyString() -> String? {
        guard let text = string(), !text.isEmpty else { return nil }
        return text
    }

    /// An array, calling `element` for each element until it returns false.
    mutating func array(_ element: (inout FixtureByteReader) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "[")) else { return false }
        if consume(UInt8(ascii: "]")) { return true }
        repeat {
            guard element(&self) else { return false }
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "]"))
    }

    /// An object whose member names are all in `keys` (at most 64), each at most once; `member`
    /// reads the value of the member whose position in `keys` it is given.
    mutating func object(keys: [StaticString], _ member: (inout FixtureByteReader, Int) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "{")) else { return false }
        if consume(UInt8(ascii: "}")) { return true }
        var seen: UInt64 = 0
        repeat {
            guard let key = memberName(keys), seen & (1 << key) == 0, consume(UInt8(ascii: ":")) else { return false }
            seen |= 1 << key
            guard member(&self, key) else { return false }
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}"))
    }

    /// The position in `keys` of the member name that follows (plain ASCII names only).
    private mutating func memberName(_ keys: [StaticString]) -> Int? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\") || bytes[index] < 0x20 { return nil }
            index += 1
        }
        guard index < bytes.count, let name = bytes.baseAddress.map({ $0 + start }) else { return nil }
        let count = index - start
        index += 1
        for position in keys.indices {
            let key = keys[position]
            if key.utf8CodeUnitCount == count, memcmp(name, key.utf8Start, count) == 0 { return position }
        }
        return nil
    }
}
