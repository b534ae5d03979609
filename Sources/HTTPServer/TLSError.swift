import COpenSSL

/// An OpenSSL failure: the operation and the drained OpenSSL error queue as text.
public struct TLSError: Error, Equatable, Sendable, CustomStringConvertible {
    public let operation: String
    public let message: String

    public init(operation: String, message: String) {
        self.operation = operation
        self.message = message
    }

    public var description: String { "\(operation): \(message)" }

    /// Builds the error from (and empties) this thread's OpenSSL error queue.
    static func drain(_ operation: String, fallback: String = "unknown OpenSSL error") -> TLSError {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return TLSError(operation: operation, message: messages.isEmpty ? fallback : messages.joined(separator: "; "))
    }
}

/// The result of a non-blocking OpenSSL call (swift-nio-ssl's `AsyncOperationResult`, with
/// the direction spelled out): wait for the socket to become readable or writable, done, or failed.
enum TLSResult<Value> {
    case wantRead
    case wantWrite
    case complete(Value)
    case failed(TLSError)
}
