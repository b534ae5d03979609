/// How a tool call that the credit pool cannot pay for is refused. How mcp.gong.io surfaces it is
/// not documented (gong.md §2.5, §7 question 6); the default is a tool result with `isError`,
/// the others reproduce what Gong's REST API (HTTP 402) or a rate-limiting gateway would do.
public enum CreditExhaustionMode: String, Sendable, CaseIterable {
    /// A `tools/call` result with `isError: true`, "Insufficient Gong credits", balance and cost
    /// in `structuredContent`. The default.
    case toolError = "tool-error"
    /// A JSON-RPC error (code -32002 is taken by resources, so -32000, server-defined).
    case jsonRPCError = "jsonrpc-error"
    /// HTTP 402 Payment Required with Gong's REST error body `{"requestId","errors":[…]}`.
    case http402 = "http-402"
    /// HTTP 429 Too Many Requests with `Retry-After` (seconds until the pool is topped up is
    /// unknown; the mock says 3600).
    case http429 = "http-429"
}
