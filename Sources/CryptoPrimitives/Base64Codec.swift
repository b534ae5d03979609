/// The shared engine behind `Base64` (RFC 4648 §4) and `Base64URL` (RFC 4648 §5): the two differ
/// only in the 62nd/63rd characters and whether encoding pads.
///
/// Decoding is strict, as RFC 4648 §3.3 and §3.5 allow: any character outside the alphabet
/// (including whitespace and line breaks) is refused, padding is accepted only at the end and
/// only in the right amount, and the unused low bits of the last character must be zero, so
/// every byte string has exactly one accepted encoding (a tampered JWS cannot hide in them).
struct Base64Codec: Sendable {
    private let alphabet: [UInt8]
    private let reverse: [UInt8]
    private let pads: Bool
    private static let invalid: UInt8 = 0xFF
    private static let padding = UInt8(ascii: "=")

    init(char62: Character, char63: Character, pads: Bool) {
        var letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
        letters.append(contentsOf: Array(String(char62).utf8))
        letters.append(contentsOf: Array(String(char63).utf8))
        alphabet = letters
        var table = [UInt8](repeating: Base64Codec.invalid, count: 256)
        for (value, letter) in letters.enumerated() { table[Int(letter)] = UInt8(value) }
        reverse = table
        self.pads = pads
    }

    func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            output.append(alphabet[Int(chunk >> 18 & 0x3F)])
            output.append(alphabet[Int(chunk >> 12 & 0x3F)])
            output.append(alphabet[Int(chunk >> 6 & 0x3F)])
            output.append(alphabet[Int(chunk & 0x3F)])
            index += 3
        }
        let remaining = bytes.count - index
        if remaining == 1 {
            let chunk = UInt32(bytes[index]) << 16
            output.append(alphabet[Int(chunk >> 18 & 0x3F)])
            output.append(alphabet[Int(chunk >> 12 & 0x3F)])
            if pads { output.append(contentsOf: [Base64Codec.padding, Base64Codec.padding]) }
        } else if remaining == 2 {
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            output.append(alphabet[Int(chunk >> 18 & 0x3F)])
            output.append(alphabet[Int(chunk >> 12 & 0x3F)])
            output.append(alphabet[Int(chunk >> 6 & 0x3F)])
            if pads { output.append(Base64Codec.padding) }
        }
        return String(decoding: output, as: UTF8.self)
    }

    func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decode(utf8: $0) }
    }

    func decode(utf8 input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var end = input.count
        // Optional trailing padding: only as much as completes a 4-character group.
        var padCount = 0
        while end > 0, input[end - 1] == Base64Codec.padding, padCount < 2 {
            end -= 1
            padCount += 1
        }
        if padCount > 0, input.count % 4 != 0 { return nil }
        let tail = end % 4
        if tail == 1 { return nil }
        if padCount > 0, (4 - tail) % 4 != padCount { return nil }

        var output: [UInt8] = []
        output.reserveCapacity(end / 4 * 3 + 2)
        var accumulator: UInt32 = 0
        var bits = 0
        for position in 0..<end {
            let value = reverse[Int(input[position])]
            if value == Base64Codec.invalid { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        // Leftover bits must be zero (RFC 4648 §3.5), making the encoding canonical.
        if accumulator != 0 { return nil }
        return output
    }
}
