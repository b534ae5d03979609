/// The shared engine behind `Base64` (RFC 4648 §4) and `Base64URL` (RFC 4648 §5): the two differ
/// only in the 62nd/63rd characters and whether encoding pads.
///
/// Decoding is strict, as RFC 4648 §3.3 and §3.5 allow: any character outside the alphabet
/// (including whitespace and line breaks) is refused, padding is accepted only at the end and
/// only in the right amount, and the unused low bits of the last character must be zero, so
/// every byte string has exactly one accepted encoding (a tampered JWS cannot hide in them).
struct Base64Codec: Sendable {
    private let alphabet: [UInt8]
    /// The two characters of every 12-bit value, first in the low byte: two lookups per three
    /// input bytes instead of four (JWS signing encodes about 600 bytes per access token).
    private let pairs: [UInt16]
    private let reverse: [UInt8]
    private let pads: Bool
    private static let invalid: UInt8 = 0xFF
    private static let padding = UInt8(ascii: "=")

    init(char62: Character, char63: Character, pads: Bool) {
        var letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
        letters.append(contentsOf: Array(String(char62).utf8))
        letters.append(contentsOf: Array(String(char63).utf8))
        alphabet = letters
        pairs = (0..<4096).map { UInt16(letters[$0 >> 6]) | UInt16(letters[$0 & 0x3F]) << 8 }
        var table = [UInt8](repeating: Base64Codec.invalid, count: 256)
        for (value, letter) in letters.enumerated() { table[Int(letter)] = UInt8(value) }
        reverse = table
        self.pads = pads
    }

    func encodedLength(_ count: Int) -> Int {
        let remaining = count % 3
        return count / 3 * 4 + (remaining == 0 ? 0 : (pads ? 4 : remaining + 1))
    }

    func encode(_ bytes: [UInt8]) -> String {
        let length = encodedLength(bytes.count)
        guard length > 0 else { return "" }
        // Written straight into the string's storage: this runs several times per token grant.
        return bytes.withUnsafeBufferPointer { input in
            String(unsafeUninitializedCapacity: length) { fill(input, into: $0) }
        }
    }

    /// Appends the encoding of `bytes` to `output` (building a JWS without intermediate strings).
    func encode(_ bytes: [UInt8], appendingTo output: inout [UInt8]) {
        let length = encodedLength(bytes.count)
        guard length > 0 else { return }
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: length))
        bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { buffer in
                _ = fill(input, into: UnsafeMutableBufferPointer(rebasing: buffer[start...]))
            }
        }
    }

    /// Writes the encoding of `input` to the start of `output` (at least `encodedLength` bytes);
    /// returns the count written.
    private func fill(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        alphabet.withUnsafeBufferPointer { alphabet in pairs.withUnsafeBufferPointer { pairs in
            let full = input.count / 3
            let remaining = input.count - full * 3
            var out = 0
            var index = 0
            for _ in 0..<full {
                let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
                let high = pairs[Int(chunk >> 12)], low = pairs[Int(chunk & 0xFFF)]
                output[out] = UInt8(truncatingIfNeeded: high)
                output[out + 1] = UInt8(truncatingIfNeeded: high >> 8)
                output[out + 2] = UInt8(truncatingIfNeeded: low)
                output[out + 3] = UInt8(truncatingIfNeeded: low >> 8)
                out += 4
                index += 3
            }
            guard remaining > 0 else { return out }
            let chunk = UInt32(input[index]) << 16 | (remaining == 2 ? UInt32(input[index + 1]) << 8 : 0)
            output[out] = alphabet[Int(chunk >> 18 & 0x3F)]
            output[out + 1] = alphabet[Int(chunk >> 12 & 0x3F)]
            out += 2
            if remaining == 2 {
                output[out] = alphabet[Int(chunk >> 6 & 0x3F)]
                out += 1
            }
            if pads {
                for _ in remaining..<3 {
                    output[out] = Base64Codec.padding
                    out += 1
                }
            }
            return out
        } }
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
