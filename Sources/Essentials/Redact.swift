/// Turns secrets into something safe to log: never the value, but a stable short fingerprint so a
/// reader can still tell two tokens apart and match a log line to a journal entry.
public enum Redact {
    /// `"abcd…(43 chars)#5f2c"`-style is still too revealing for short secrets; we show only the
    /// length and a non-cryptographic fingerprint (FNV-1a), which cannot be reversed to the value.
    public static func secret(_ value: String) -> String {
        var value = value
        // Written into the string's storage: three of these are made on every token grant.
        return value.withUTF8 { bytes in
            if bytes.isEmpty { return "<empty>" }
            let hash = fnv1a(bytes)
            return String(unsafeUninitializedCapacity: 48) { output in
                var count = 0
                for byte in "<redacted len=".utf8 { output[count] = byte; count += 1 }
                var digits = bytes.count
                var width = 1
                while digits >= 10 { digits /= 10; width += 1 }
                var length = bytes.count
                for position in stride(from: count + width - 1, through: count, by: -1) {
                    output[position] = UInt8(ascii: "0") + UInt8(length % 10)
                    length /= 10
                }
                count += width
                for byte in " fp=".utf8 { output[count] = byte; count += 1 }
                count += writeHex(hash, to: UnsafeMutableBufferPointer(rebasing: output[count...]))
                output[count] = UInt8(ascii: ">")
                return count + 1
            }
        }
    }

    /// A 32-bit FNV-1a fingerprint in hex. Deterministic across runs and platforms.
    public static func fingerprint(_ value: String) -> String {
        var value = value
        // Over the contiguous UTF-8 (tokens are hashed on every grant; the view's iterator is slow).
        let hash = value.withUTF8 { fnv1a($0) }
        return String(unsafeUninitializedCapacity: 8) { writeHex(hash, to: $0) }
    }

    private static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return hash
    }

    /// Eight lowercase hex digits, zero-padded; returns 8.
    private static func writeHex(_ hash: UInt32, to output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        for position in 0..<8 {
            let nibble = UInt8(truncatingIfNeeded: hash >> (28 - 4 * UInt32(position))) & 0x0F
            output[position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
        }
        return 8
    }

    /// `eyJhbG…(812)`: a short prefix (at most 6 characters and a quarter of the value, so short
    /// secrets keep most of their entropy hidden) and the length. For the journal, HAR and the
    /// flow page, where a reader must tell a JWT from an opaque token without seeing either.
    public static func prefixed(_ value: String) -> String {
        let count = value.count
        if count == 0 { return "<empty>" }
        let shown = min(6, count / 4)
        return String(value.prefix(shown)) + "…(\(count))"
    }
}
