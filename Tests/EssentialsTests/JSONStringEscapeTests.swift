import Testing
@testable import Essentials

/// `JSONSerializer.escapeUTF8` tests eight bytes at a time; these compare it with a byte-by-byte
/// reference at every length and alignment around the word size, with specials at every position.
@Suite struct JSONStringEscapeTests {
    static func reference(_ bytes: [UInt8]) -> [UInt8] {
        let hex = Array("0123456789abcdef".utf8)
        var output: [UInt8] = [0x22]
        for byte in bytes {
            switch byte {
            case 0x22: output += [0x5C, 0x22]
            case 0x5C: output += [0x5C, 0x5C]
            case 0x0A: output += [0x5C, UInt8(ascii: "n")]
            case 0x0D: output += [0x5C, UInt8(ascii: "r")]
            case 0x09: output += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20: output += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: output.append(byte)
            }
        }
        output.append(0x22)
        return output
    }

    static func escaped(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [0x41]
        JSONSerializer.writeString(utf8: bytes, into: &output)
        let appended = Array(output.dropFirst())
        // The sized path (length first, then written in place) must give the same bytes.
        let sized = bytes.withUnsafeBufferPointer { source in
            let length = JSONSerializer.stringLength(utf8: source)
            return [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
                guard let start = buffer.baseAddress else { return }
                initialized = JSONSerializer.writeString(utf8: source, to: start)
            }
        }
        #expect(sized == appended)
        return appended
    }

    @Test(arguments: [UInt8(0x22), 0x5C, 0x0A, 0x0D, 0x09, 0x00, 0x1F, 0x01, 0x20, 0x7F, 0x80, 0xC3, 0xFF, 0x21, 0x23, 0x5B, 0x5D])
    func everyPositionAndLength(special: UInt8) {
        for length in 0...40 {
            let plain = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            #expect(Self.escaped(plain) == Self.reference(plain))
            for position in 0..<length {
                var bytes = plain
                bytes[position] = special
                #expect(Self.escaped(bytes) == Self.reference(bytes), "length \(length), position \(position)")
                if position + 3 < length { bytes[position + 3] = 0x22 }
                #expect(Self.escaped(bytes) == Self.reference(bytes), "length \(length), position \(position) and +3")
            }
        }
    }

    @Test func allByteValuesInDenseRuns() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let length = Int.random(in: 0...200, using: &generator)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(Self.escaped(bytes) == Self.reference(bytes))
        }
    }

    /// Past 64 KiB the escaped length is counted before writing instead of assumed.
    @Test func longTextWithDenseSpecials() {
        let bytes = (0..<70_000).map { position -> UInt8 in [0x22, 0x41, 0x5C, 0x0A, 0x01, 0xC3, 0x42][position % 7] }
        #expect(Self.escaped(bytes) == Self.reference(bytes))
    }

    @Test func stringsAsValues() {
        let text = "Say \"hi\"\n\tto \\ the café\u{1}"
        #expect(JSONSerializer.bytes(.string(text)) == Self.reference(Array(text.utf8)))
    }
}
