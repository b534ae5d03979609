import Essentials
import HTTPServer
@testable import GongMock

extension GongMockHarness {
    /// One 2026-07-28 request: `_meta` in the body, the standard headers beside it, no session.
    func modernMCP(_ token: String?, method: String, params: JSONValue = [:], id: JSONValue = 1) -> HTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "Accept": "application/json, text/event-stream",
                                    "MCP-Protocol-Version": "2026-07-28", "Mcp-Method": .init(method)]
        if let token { headers.add("Authorization", "Bearer \(token)") }
        if let name = params["name"]?.stringValue { headers.add("Mcp-Name", name) }
        var object = params.objectValue ?? JSONObject()
        object["_meta"] = ["io.modelcontextprotocol/protocolVersion": "2026-07-28",
                           "io.modelcontextprotocol/clientCapabilities": [:],
                           "io.modelcontextprotocol/clientInfo": ["name": "harness", "version": "1"]]
        let body: JSONValue = ["jsonrpc": "2.0", "id": id, "method": .string(method), "params": .object(object)]
        return send(.post, "/mcp", headers: headers, body: JSONSerializer.bytes(body))
    }
}
