#if canImport(Glibc)
import Glibc
#endif

/// A failed system call: which operation, the errno it left and the C library's text for it.
public struct SystemCallError: Error, Equatable, Sendable, CustomStringConvertible {
    public let operation: String
    public let code: Int32

    public init(operation: String, code: Int32) {
        self.operation = operation
        self.code = code
    }

    /// `strerror` text (glibc ≥ 2.32 keeps it thread-safe).
    public var message: String { String(cString: strerror(code)) }
    public var description: String { "\(operation): \(message) (errno \(code))" }
}
