/// Why the state database refused to open or to write. Always names the file, so the operator
/// knows what to move away; the mock never resets a state file on its own.
public struct StateDatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case cannotOpen = "cannot_open"
        case corrupt
        case notGongMockState = "not_gong_mock_state"
        case unsupportedVersion = "unsupported_version"
        case writeFailed = "write_failed"
        case readFailed = "read_failed"
    }

    public let kind: Kind
    public let path: String
    public let message: String

    public init(_ kind: Kind, path: String, _ message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String {
        switch kind {
        case .cannotOpen, .corrupt, .notGongMockState, .unsupportedVersion:
            return "state file \(path): \(message). Refusing to start: the state is never reset automatically; move the file away or choose another --state-dir."
        case .writeFailed, .readFailed:
            return "state file \(path): \(message)"
        }
    }
}
