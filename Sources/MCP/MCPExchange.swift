import HTTPServer

/// What the endpoint knows about one POST once the transport checks passed: who sent it, in
/// which session, speaking which revision.
struct MCPExchange {
    let request: HTTPRequest
    let fields: MCPRequestHeaders
    let context: RequestContext
    let principal: MCPPrincipal?
    var session: MCPSession?
    var version: String

    var bindingKey: String? { principal?.bindingKey }
}

/// What handling one JSON-RPC request produced.
enum MCPDispatchOutput {
    /// A response (result or error) and the notifications that precede it on an SSE stream.
    case response([UInt8], notifications: [[UInt8]])
    /// The request was cancelled: its response is not sent (MCP "Cancellation").
    case suppressed(notifications: [[UInt8]])
    /// An HTTP answer replacing the exchange (403 step-up, a tool's 402/429).
    case http(HTTPResponse)
}
