import Testing
@testable import HTTPServer

/// The eight-bytes-at-a-time field-value check gives the byte-by-byte answer (RFC 9110 §5.5).
@Suite struct HTTPGrammarTests {
    static func byteByByte(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        bytes[start..<end].allSatisfy(HTTPGrammar.isFieldValueByte)
    }

    @Test func everyByteValueAtEveryPositionOfAWord() {
        for value in 0...255 {
            for position in 0..<19 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 19)
                bytes[position] = UInt8(value)
                for (start, end) in [(0, 19), (1, 19), (3, 11), (position, position + 1), (0, 0)] where end <= 19 {
                    let fast = bytes.withUnsafeBufferPointer { HTTPGrammar.areFieldValueBytes($0, from: start, to: end) }
                    #expect(fast == Self.byteByByte(bytes, start, end), "byte \(value) at \(position), \(start)..<\(end)")
                }
            }
        }
    }

    @Test func wordsMixingAllowedAndRefusedBytes() {
        // Borrows from one byte into the next must not hide or invent a refused byte.
        let cases: [[UInt8]] = [
            [0x20, 0x1F, 0x20, 0x7F, 0x80, 0xFF, 0x09, 0x7E], [0x00, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21],
            [0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x00], [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F],
            [0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09], [0xFF, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
        ]
        for bytes in cases {
            let fast = bytes.withUnsafeBufferPointer { HTTPGrammar.areFieldValueBytes($0, from: 0, to: bytes.count) }
            #expect(fast == Self.byteByByte(bytes, 0, bytes.count), "\(bytes)")
        }
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random) | (Bool.random(using: &random) ? 0x40 : 0)
            }
            let fast = bytes.withUnsafeBufferPointer { HTTPGrammar.areFieldValueBytes($0, from: 0, to: bytes.count) }
            #expect(fast == Self.byteByByte(bytes, 0, bytes.count), "\(bytes)")
        }
    }
}
