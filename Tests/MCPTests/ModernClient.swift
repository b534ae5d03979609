import Essentials
import HTTPServer
@testable import MCP

/// A 2026-07-28 client speaking to an endpoint directly: every request carries `_meta` and the
/// standard headers unless a test removes or alters them.
struct ModernClient {
    let endpoint: MCPEndpoint
    var version = "2026-07-28"
    var extraHeaders: [(String, String?)] = []

    init(_ endpoint: MCPEndpoint) { self.endpoint = endpoint }

    static let capabilities = "io.modelcontextprotocol/clientCapabilities"
    static let protocolVersion = "io.modelcontextprotocol/protocolVersion"

    func meta(_ extra: JSONObject = JSONObject()) -> JSONObject {
        var meta = JSONObject()
        meta[Self.protocolVersion] = .string(version)
        meta["io.modelcontextprotocol/clientInfo"] = ["name": "modern-test", "version": "1"]
        meta[Self.capabilities] = [:]
        for (key, value) in extra { meta[key] = value }
        return meta
    }

    /// Headers matching `method` and `name`; `extraHeaders` then replace (nil removes) fields.
    func headers(method: String, name: String?) -> HTTPHeaders {
        var headers: HTTPHeaders = ["Host": "127.0.0.1:7777", "Accept": "application/json, text/event-stream",
                                    "Content-Type": "application/json", "MCP-Protocol-Version": version, "Mcp-Method": method]
        if let name { headers.add("Mcp-Name", name) }
        for (field, value) in extraHeaders {
            headers.remove(field)
            if let value { headers.add(field, value) }
        }
        return headers
    }

    /// Sends `method` with `params` (plus `_meta` unless `meta` is nil) and returns the response.
    func send(_ method: String, id: JSONValue = 1, params: JSONValue = [:], meta: JSONObject? = nil,
              withMeta: Bool = true) -> HTTPResponse {
        var params = params.objectValue ?? JSONObject()
        if withMeta { params["_meta"] = .object(meta ?? self.meta()) }
        var object = JSONObject()
        object["jsonrpc"] = "2.0"
        object["id"] = id
        object["method"] = .string(method)
        object["params"] = .object(params)
        let name = params["name"]?.stringValue ?? params["uri"]?.stringValue
        let request = HTTPRequest(method: .post, target: "/mcp", headers: headers(method: method, name: name),
                                  body: Array(JSONSerializer.string(.object(object)).utf8))
        return endpoint.respond(to: request, context: RequestContext(remoteAddress: "127.0.0.1:1"))
    }

    func callTool(_ name: String, arguments: JSONValue = [:], meta: JSONObject? = nil) -> HTTPResponse {
        send("tools/call", params: ["name": .string(name), "arguments": arguments], meta: meta)
    }
}

func makeEndpoint(mode: MCPProtocolMode, _ configure: (inout MCPServerConfiguration) -> Void = { _ in },
                  tools: [MCPTool] = [echoTool()], authenticator: (any MCPAuthenticator)? = nil) throws -> MCPEndpoint {
    try makeEndpoint({ configuration in
        configuration.supportedVersions = mode.versions
        configure(&configuration)
    }, tools: tools, authenticator: authenticator)
}
