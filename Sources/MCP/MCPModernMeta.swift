import Essentials

/// The reserved `_meta` keys of 2026-07-28 (SEP-2575 "Make MCP stateless"; "Subscriptions";
/// "Logging"): what every modern request declares about itself, read once per request.
struct MCPModernMeta {
    static let protocolVersion = "io.modelcontextprotocol/protocolVersion"
    static let clientCapabilities = "io.modelcontextprotocol/clientCapabilities"
    static let clientInfo = "io.modelcontextprotocol/clientInfo"
    static let logLevel = "io.modelcontextprotocol/logLevel"
    static let serverInfo = "io.modelcontextprotocol/serverInfo"
    static let subscriptionID = "io.modelcontextprotocol/subscriptionId"

    let version: String
    let clientCapabilities: JSONObject
    let clientName: String?
    let logLevel: MCPLogLevel?

    /// Reads `params._meta`; a missing or malformed required field is `-32602` (the conformance
    /// suite's `sep-2575-request-meta-invalid-*`: HTTP 400). `clientInfo` is optional (a SHOULD).
    static func read(_ params: JSONValue?, method: String, servedVersions: String) -> Result<MCPModernMeta, JSONRPCErrorObject> {
        let hint = method == "initialize"
            ? " This server speaks MCP \(servedVersions) without initialize: send requests with per-request _meta (start with server/discover)."
            : ""
        guard case .object(let meta)? = params?["_meta"] else {
            return .failure(.invalidParams("Invalid params: a 2026-07-28 request carries params._meta with \(protocolVersion) and \(clientCapabilities).\(hint)"))
        }
        guard case .string(let version)? = meta[protocolVersion] else {
            return .failure(.invalidParams("Invalid params: params._meta lacks \(protocolVersion) (a string such as \"2026-07-28\").\(hint)"))
        }
        guard case .object(let capabilities)? = meta[clientCapabilities] else {
            return .failure(.invalidParams("Invalid params: params._meta lacks \(clientCapabilities) (an object, {} when the client offers none).\(hint)"))
        }
        var level: MCPLogLevel?
        if let value = meta[logLevel], !value.isNull {
            guard case .string(let name) = value, let parsed = MCPLogLevel(name: name) else {
                let names = MCPLogLevel.allCases.map(\.name).joined(separator: ", ")
                return .failure(.invalidParams("Invalid params: \(logLevel) must be one of \(names) (got \(value.description))"))
            }
            level = parsed
        }
        return .success(MCPModernMeta(version: version, clientCapabilities: capabilities,
                                      clientName: meta[clientInfo]?["name"]?.stringValue, logLevel: level))
    }
}
