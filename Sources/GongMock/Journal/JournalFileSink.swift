#if canImport(Glibc)
import Glibc
#endif

/// `--journal FILE`: JSONL appended as entries happen, one `write(2)` per entry (no user-space
/// buffer, so a CI job that kills the server still has every line). The file is created (mode
/// 0600: it holds request metadata) or truncated at start.
final class JournalFileSink: Sendable {
    private let fd: Int32

    init(path: String) throws(GongMockStartupError) {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw GongMockStartupError("--journal \(path): \(String(cString: strerror(errno)))") }
    }

    deinit { close(fd) }

    /// Writes the whole line, retrying short writes and EINTR; a failing disk loses the line,
    /// never the request.
    func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
