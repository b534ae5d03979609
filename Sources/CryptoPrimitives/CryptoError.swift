import COpenSSL

/// A failed cryptographic operation: what was attempted and why it failed.
///
/// When OpenSSL refused, `detail` is the drained OpenSSL error queue (`ERR_get_error`), so the
/// message names the library's own reason instead of a bare return code.
public struct CryptoError: Error, Sendable, CustomStringConvertible {
    public let operation: String
    public let detail: String

    public init(operation: String, detail: String) {
        self.operation = operation
        self.detail = detail
    }

    public var description: String { "\(operation) failed: \(detail)" }

    /// Drains this thread's OpenSSL error queue into an error. `fallback` is used when OpenSSL
    /// left nothing on the queue (many calls fail without pushing a reason).
    static func openSSL(_ operation: String, fallback: String = "OpenSSL reported no reason") -> CryptoError {
        let reasons = OpenSSLErrorQueue.drain()
        return CryptoError(operation: operation, detail: reasons.isEmpty ? fallback : reasons.joined(separator: "; "))
    }

    /// A refusal decided by our own checks, not by OpenSSL.
    static func invalid(_ operation: String, _ detail: String) -> CryptoError {
        CryptoError(operation: operation, detail: detail)
    }
}

/// The per-thread OpenSSL error queue. We clear it before each call and drain it after a failure,
/// so a stale reason from an unrelated earlier call never ends up in a message (the same
/// discipline swift-nio-ssl follows around every `SSL_*` call).
enum OpenSSLErrorQueue {
    static func clear() { ERR_clear_error() }

    static func drain() -> [String] {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            let text = buffer.withUnsafeBufferPointer { raw in
                String(decoding: raw.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            if reasons.count < 8 { reasons.append(text) }
        }
        return reasons
    }
}
