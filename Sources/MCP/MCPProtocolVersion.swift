/// MCP protocol revisions this layer knows (MCP "Versioning"; "Lifecycle" §Version Negotiation).
///
/// Revisions are `YYYY-MM-DD` strings, so comparing them as strings orders them in time.
public enum MCPProtocolVersion {
    public static let v2025_03_26 = "2025-03-26"
    public static let v2025_06_18 = "2025-06-18"
    public static let v2025_11_25 = "2025-11-25"

    /// Every revision served, oldest first.
    public static let all = [v2025_03_26, v2025_06_18, v2025_11_25]

    /// What a request without `MCP-Protocol-Version` is assumed to speak (Streamable HTTP,
    /// "Protocol Version Header": SHOULD assume 2025-03-26).
    public static let assumedWhenAbsent = v2025_03_26

    /// JSON-RPC batches exist only in 2025-03-26; later revisions removed them.
    public static func allowsBatches(_ version: String) -> Bool { version < v2025_06_18 }

    /// Tool `title`, `outputSchema` and result `structuredContent` arrived in 2025-06-18.
    public static func supportsStructuredOutput(_ version: String) -> Bool { version >= v2025_06_18 }

    /// SSE priming events (an `id` with empty `data`) arrived in 2025-11-25; older clients try to
    /// parse the empty data as JSON and fail, so they never get one.
    public static func supportsPrimingEvents(_ version: String) -> Bool { version >= v2025_11_25 }
}
