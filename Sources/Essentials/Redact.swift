/// Turns secrets into something safe to log: never the value, but a stable short fingerprint so a
/// reader can still tell two tokens apart and match a log line to a journal entry.
public enum Redact {
    /// `"abcd…(43 chars)#5f2c"`-style is still too revealing for short secrets; we show only the
    /// length and a non-cryptographic fingerprint (FNV-1a), which cannot be reversed to the value.
    public static func secret(_ value: String) -> String {
        if value.isEmpty { return "<empty>" }
        return "<redacted len=\(value.utf8.count) fp=\(fingerprint(value))>"
    }

    /// A 32-bit FNV-1a fingerprint in hex. Deterministic across runs and platforms.
    public static func fingerprint(_ value: String) -> String {
        var value = value
        // Over the contiguous UTF-8 (tokens are hashed on every grant; the view's iterator is slow).
        let hash = value.withUTF8 { bytes in
            var hash: UInt32 = 0x811C_9DC5
            for byte in bytes {
                hash ^= UInt32(byte)
                hash = hash &* 0x0100_0193
            }
            return hash
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
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
