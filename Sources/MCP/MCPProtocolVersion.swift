/// One MCP protocol revision (MCP "Versioning"; 2026-07-28 "Versioning and Compatibility"
/// §Terminology), knowing its era and what its wire carries.
///
/// Revisions are `YYYY-MM-DD` strings, so comparing them as strings orders them in time.
public struct MCPProtocolVersion: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible,
                                  ExpressibleByStringLiteral {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public static let v2025_03_26: MCPProtocolVersion = "2025-03-26"
    public static let v2025_06_18: MCPProtocolVersion = "2025-06-18"
    public static let v2025_11_25: MCPProtocolVersion = "2025-11-25"
    public static let v2026_07_28: MCPProtocolVersion = "2026-07-28"

    /// Every revision this layer implements, oldest first.
    public static let all: [MCPProtocolVersion] = [v2025_03_26, v2025_06_18, v2025_11_25, v2026_07_28]

    /// The revisions of one era, oldest first.
    public static func all(of era: MCPEra) -> [MCPProtocolVersion] { all.filter { $0.era == era } }

    /// What a legacy request without `MCP-Protocol-Version` is assumed to speak (Streamable HTTP,
    /// "Protocol Version Header": SHOULD assume 2025-03-26).
    public static let assumedWhenAbsent = v2025_03_26

    /// Legacy revisions open a session with `initialize`; from 2026-07-28 on every request
    /// carries its version, client info and capabilities in `_meta` (SEP-2575).
    public var era: MCPEra { rawValue >= Self.v2026_07_28.rawValue ? .modern : .legacy }

    /// JSON-RPC batches exist only in 2025-03-26; later revisions removed them.
    var allowsBatches: Bool { self < Self.v2025_06_18 }

    /// Tool `title`, `outputSchema` and result `structuredContent` arrived in 2025-06-18.
    var supportsStructuredOutput: Bool { self >= Self.v2025_06_18 }

    /// SSE priming events (an `id` with empty `data`) arrived in 2025-11-25 and left with
    /// resumability in 2026-07-28; older clients try to parse the empty data as JSON and fail.
    var supportsPrimingEvents: Bool { self >= Self.v2025_11_25 && era == .legacy }

    /// 2026-07-28: every result carries `resultType` and list results `ttlMs`/`cacheScope`.
    var hasResultType: Bool { era == .modern }

    public var description: String { rawValue }

    /// `YYYY-MM-DD`: the shape of every revision identifier.
    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return false }
        for (index, byte) in bytes.enumerated() {
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard index == 4 || index == 7 ? byte == UInt8(ascii: "-") : isDigit else { return false }
        }
        return true
    }

    public static func < (lhs: MCPProtocolVersion, rhs: MCPProtocolVersion) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The two eras of MCP (2026-07-28 "Versioning and Compatibility" §Terminology).
public enum MCPEra: String, Sendable, CaseIterable {
    /// `initialize` handshake, sessions, GET stream (2025-11-25 and earlier).
    case legacy
    /// Per-request `_meta`, `server/discover`, no sessions (2026-07-28 and later).
    case modern
}

/// Which eras an endpoint serves (`gong-mock serve --protocol`).
public enum MCPProtocolMode: String, Sendable, CaseIterable {
    /// 2025-03-26 … 2025-11-25 with `initialize`; a modern request gets the configured refusal.
    case legacy
    /// Both, chosen per request as a dual-era server does ("Backward Compatibility with
    /// Initialization-Based Versions").
    case dual
    /// 2026-07-28 only: `initialize` is an unknown method, GET and DELETE answer 405.
    case modern

    /// Whether requests of `era` are served.
    public func serves(_ era: MCPEra) -> Bool {
        switch self {
        case .legacy: era == .legacy
        case .modern: era == .modern
        case .dual: true
        }
    }

    /// The revisions served in this mode, oldest first.
    public var versions: [MCPProtocolVersion] { MCPProtocolVersion.all.filter { serves($0.era) } }
}
