#if canImport(Glibc)
import Glibc
#endif

/// Invariant checks shared by every fuzz target. A broken invariant prints what broke and
/// aborts, which libFuzzer reports as a crash and saves the input (`crash-<sha1>`); a plain
/// `precondition` would only say "Fatal error" without the context needed to triage.
enum FuzzCheck {
    /// The fuzzer's input as an array (libFuzzer may pass a null pointer for the empty input).
    static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Aborts with `message` unless `condition` holds.
    static func expect(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fail(message()) }
    }

    static func fail(_ message: String) -> Never {
        var line = Array("FUZZ INVARIANT BROKEN: \(message)\n".utf8)
        // write(2), not the `stderr` global, which strict concurrency refuses.
        line.withUnsafeMutableBytes { bytes in _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
        abort()
    }

    /// Up to `limit` bytes as hex, for messages about binary input.
    static func hex(_ bytes: some Collection<UInt8>, limit: Int = 96) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes.prefix(limit) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        let suffix = bytes.count > limit ? "… (\(bytes.count) bytes)" : ""
        return String(decoding: text, as: UTF8.self) + suffix
    }
}
