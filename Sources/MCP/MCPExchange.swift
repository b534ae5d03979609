import Essentials
import HTTPServer

/// What the endpoint knows about one POST once the transport checks passed: who sent it, in
/// which session, speaking which revision.
struct MCPExchange {
    let request: HTTPRequest
    let fields: MCPRequestHeaders
    let context: RequestContext
    let principal: MCPPrincipal?
    var session: MCPSession?
    var version: MCPProtocolVersion
    /// 2026-07-28: the request's `io.modelcontextprotocol/logLevel` (nil: no log notifications).
    var requestLogLevel: MCPLogLevel?

    var bindingKey: String? { principal?.bindingKey }
    var era: MCPEra { version.era }
}

/// One JSON-RPC request as a method of the table sees it.
struct MCPCall {
    let id: JSONRPCID
    let method: String
    /// `params` (an empty object when the request had none).
    let params: JSONObject
    let exchange: MCPExchange
}

/// What handling one JSON-RPC request produced.
enum MCPDispatchOutput {
    /// A response (result or error) and the notifications that precede it on an SSE stream.
    case response([UInt8], notifications: [[UInt8]])
    /// The request was cancelled: its response is not sent (MCP "Cancellation").
    case suppressed(notifications: [[UInt8]])
    /// An HTTP answer replacing the exchange (403 step-up, a tool's 402/429, a listen stream).
    case http(HTTPResponse)

    static func error(_ id: JSONRPCID?, _ error: JSONRPCErrorObject) -> MCPDispatchOutput {
        .response(MCPEndpoint.errorBytes(id: id, error: error), notifications: [])
    }

    static func result(_ id: JSONRPCID, _ bytes: [UInt8]) -> MCPDispatchOutput {
        .response(JSONRPCEncoding.result(id: id, resultBytes: bytes), notifications: [])
    }
}
