/// Log severities of MCP "Logging" (`logging/setLevel`, `notifications/message`), the syslog
/// levels of RFC 5424 §6.2.1, least severe first.
public enum MCPLogLevel: Int, Sendable, Comparable, CaseIterable {
    case debug, info, notice, warning, error, critical, alert, emergency

    public init?(name: String) {
        guard let level = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = level
    }

    public var name: String {
        switch self {
        case .debug: return "debug"
        case .info: return "info"
        case .notice: return "notice"
        case .warning: return "warning"
        case .error: return "error"
        case .critical: return "critical"
        case .alert: return "alert"
        case .emergency: return "emergency"
        }
    }

    public static func < (lhs: MCPLogLevel, rhs: MCPLogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}
