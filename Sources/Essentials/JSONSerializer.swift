/// Serialises `JSONValue` to compact UTF-8 (RFC 8259), keeping object member order.
///
/// Integral numbers print without a fraction (`3`, not `3.0`) because JSON-RPC ids and credit
/// counts are compared textually by some clients.
public enum JSONSerializer {
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        write(value, into: &output)
        return output
    }

    public static func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    public static func write(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let flag): output.append(contentsOf: flag ? trueBytes : falseBytes)
        case .number(let number): writeNumber(number, into: &output)
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (position, member) in object.members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                write(member.value, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)

    static func writeNumber(_ number: Double, into output: inout [UInt8]) {
        guard number.isFinite else {
            output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
            return
        }
        if number.rounded() == number, abs(number) < 1e15 {
            writeInteger(Int64(number), into: &output)
        } else {
            output.append(contentsOf: Array("\(number)".utf8))
        }
    }

    /// Decimal digits without an intermediate `String` (counts, ids and timestamps are most numbers).
    public static func writeInteger(_ value: Int64, into output: inout [UInt8]) {
        if value == 0 {
            output.append(UInt8(ascii: "0"))
            return
        }
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(20 - count)...]))
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Copies runs of bytes that need no escaping in bulk: the per-byte append it replaces was 41%
    /// of an `ask_account` call's CPU under load (scripts/bench, perf).
    public static func writeString(_ text: String, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { escapeUTF8($0, into: &output) }
    }

    /// Writes already-UTF-8 bytes as a JSON string (quotes included): e.g. serialised JSON that
    /// must also appear as text, without a round trip through `String`.
    public static func writeString(utf8 bytes: [UInt8], into output: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { escapeUTF8($0, into: &output) }
    }

    /// The same from a buffer (a `String`'s UTF-8 or part of a larger buffer), without a copy.
    public static func writeString(utf8 bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        escapeUTF8(bytes, into: &output)
    }

    /// The length `writeString(utf8:into:)` writes for `bytes`, quotes included: with
    /// `writeString(utf8:to:)`, a caller that knows every part of an answer writes it into one
    /// exactly sized buffer instead of growing and copying arrays.
    public static func stringLength(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        escapedCount(bytes) + 2
    }

    /// Writes `bytes` as a JSON string (quotes included) at `destination`, which has room for
    /// `stringLength(utf8:)` bytes; returns the bytes written.
    public static func writeString(utf8 bytes: UnsafeBufferPointer<UInt8>, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        destination[0] = UInt8(ascii: "\"")
        let written = escapeRuns(bytes, into: destination + 1)
        destination[written + 1] = UInt8(ascii: "\"")
        return written + 2
    }

    /// Appends the escaped form of `bytes` without quotes: the contents of a JSON string holding
    /// them. A writer producing a document and its text copy in one pass (an MCP tool result's
    /// `structuredContent` and `content[0].text`) escapes only the parts it did not precompute.
    public static func appendEscapedContents(utf8 bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        let length = escapedCount(bytes)
        guard length != bytes.count else {
            output.append(contentsOf: bytes)
            return
        }
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: length))
        output.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { _ = escapeRuns(bytes, into: base + start) }
        }
    }

    /// Whether `bytes` are written as they are inside a JSON string (no quote, backslash or
    /// control character), so precomputed text can be copied instead of escaped on every use.
    public static func isPlainStringContent(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        escapedCount(bytes) == bytes.count
    }

    /// Escaped length of each byte value: 1 for bytes copied as they are, 2 for `\"`, `\\`,
    /// `\n`, `\r`, `\t`, 6 for other control characters (`\u00XX`).
    private static let escapedLength: [UInt8] = (0...255).map { byte -> UInt8 in
        switch byte {
        case 0x22, 0x5C, 0x0A, 0x0D, 0x09: return 2
        case 0..<0x20: return 6
        default: return 1
        }
    }

    private static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let ones: UInt64 = 0x0101_0101_0101_0101

    /// High bit set in exactly the zero bytes of `word` (no carries between bytes).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & lowBits) &+ lowBits) | word | lowBits)
    }

    /// High bit set in exactly the bytes of `word` that need escaping, quotes and controls alike.
    @inline(__always)
    private static func specialMask(_ word: UInt64) -> UInt64 {
        let (quotes, controls) = specialBytes(word)
        return quotes | controls
    }

    /// High bit set in exactly the bytes of `word` that need escaping: a quote or a backslash
    /// (`quotes`), a control character (`controls`). Eight bytes per test, so the runs of plain
    /// text between the quotes of a JSON document are skipped without a per-byte loop.
    @inline(__always)
    private static func specialBytes(_ word: UInt64) -> (quotes: UInt64, controls: UInt64) {
        (zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x5C)), zeroBytes(word & (ones &* 0xE0)))
    }

    /// Text up to its first byte that needs escaping is copied in bulk; the rest is written
    /// through a pointer into a buffer big enough for the worst case (exactly sized, after a
    /// counting pass, when the text is long). The text copy of a tool result escapes every quote
    /// of a large JSON document, and a generic `append` per escape was most of that cost
    /// (scripts/bench, perf).
    static func escapeUTF8(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else {
            output.append(contentsOf: [0x22, 0x22])
            return
        }
        let count = bytes.count
        let raw = UnsafeRawPointer(source)
        var first = 0
        while first + 8 <= count {
            let (quotes, controls) = specialBytes(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: first, as: UInt64.self)))
            if quotes | controls != 0 { break }
            first += 8
        }
        while first < count, escapedLength[Int(source[first])] == 1 { first += 1 }
        output.append(UInt8(ascii: "\""))
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<first]))
        if first < count {
            let rest = UnsafeBufferPointer(rebasing: bytes[first...])
            // Six bytes per input byte at worst (`\u00XX`); long text is measured instead.
            let capacity = rest.count <= 1 << 16 ? rest.count * 6 : escapedCount(rest)
            output.append(contentsOf: [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                if let base = buffer.baseAddress { initialized = escapeRuns(rest, into: base) }
            })
        }
        output.append(UInt8(ascii: "\""))
    }

    /// The escaped length of `bytes` (quotes not included): eight bytes per step, the quotes and
    /// backslashes of a word counted with one multiply (no popcount instruction is assumed).
    private static func escapedCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let source = bytes.baseAddress else { return 0 }
        let count = bytes.count
        let raw = UnsafeRawPointer(source)
        var total = count
        var index = 0
        while index + 8 <= count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let quotes = zeroBytes(word ^ 0x2222_2222_2222_2222) | zeroBytes(word ^ 0x5C5C_5C5C_5C5C_5C5C)
            total &+= Int(truncatingIfNeeded: ((quotes >> 7) &* 0x0101_0101_0101_0101) >> 56)
            var controls = zeroBytes(word & 0xE0E0_E0E0_E0E0_E0E0)
            while controls != 0 {
                total &+= Int(escapedLength[Int(source[index + controls.trailingZeroBitCount >> 3])]) - 1
                controls &= controls &- 1
            }
            index += 8
        }
        while index < count {
            total &+= Int(escapedLength[Int(source[index])]) - 1
            index += 1
        }
        return total
    }

    /// Writes the escaped form of `bytes` at `base` (room for `escapedCount(bytes)`); returns the
    /// bytes written. Eight bytes are stored at a time and the cursor moves only past the plain
    /// ones, so an escape costs a few instructions instead of a copy call for the run before it.
    private static func escapeRuns(_ bytes: UnsafeBufferPointer<UInt8>, into base: UnsafeMutablePointer<UInt8>) -> Int {
        guard let source = bytes.baseAddress else { return 0 }
        let count = bytes.count
        let raw = UnsafeRawPointer(source)
        var out = base
        var index = 0
        // At least eight input bytes remain, so at least eight bytes of room remain at `out`
        // (escaping never shortens): the whole-word store stays inside the buffer.
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            UnsafeMutableRawPointer(out).storeBytes(of: word, as: UInt64.self)
            let special = specialMask(UInt64(littleEndian: word))
            if special == 0 {
                out += 8
                index += 8
                continue
            }
            let plain = special.trailingZeroBitCount >> 3
            out += plain
            index += plain
            out += escape(source[index], at: out)
            index += 1
        }
        while index < count {
            let byte = source[index]
            if escapedLength[Int(byte)] == 1 {
                out.pointee = byte
                out += 1
            } else {
                out += escape(byte, at: out)
            }
            index += 1
        }
        return out - base
    }

    @inline(__always)
    private static func escape(_ byte: UInt8, at out: UnsafeMutablePointer<UInt8>) -> Int {
        out[0] = 0x5C
        switch byte {
        case 0x22, 0x5C: out[1] = byte
        case 0x0A: out[1] = UInt8(ascii: "n")
        case 0x0D: out[1] = UInt8(ascii: "r")
        case 0x09: out[1] = UInt8(ascii: "t")
        default:
            out[1] = UInt8(ascii: "u")
            out[2] = 0x30
            out[3] = 0x30
            out[4] = hexDigits[Int(byte >> 4)]
            out[5] = hexDigits[Int(byte & 0x0F)]
            return 6
        }
        return 2
    }
}

extension JSONValue: CustomStringConvertible {
    /// Compact JSON text.
    public var description: String { JSONSerializer.string(self) }
}
