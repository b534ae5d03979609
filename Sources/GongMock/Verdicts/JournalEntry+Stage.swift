import OAuth

extension JournalEntry {
    /// Where in a client's flow this request sits, for the timeline: discovery → register →
    /// authorize → consent → token → refresh → MCP initialize → tool calls.
    public var stage: String {
        if isDiscovery { return route == "/mcp" ? "discovery (401)" : "discovery" }
        if let endpoint = oauthDecisions.first?.endpoint {
            switch endpoint {
            case .token: return grantType == "refresh_token" ? "refresh" : "token"
            case .registration: return "register"
            case .resource: break
            default: return endpoint.rawValue
            }
        }
        if let rpc = mcp?.rpcMethod { return rpc == "tools/call" ? "tool call" : rpc }
        if route == "/mcp" { return "mcp \(method)" }
        return path
    }
}
