/// The start-up banner on standard error: what a person needs to point a client at the mock.
enum Banner {
    static func print(baseURL: String, addresses: [String], certificatePath: String?) {
        var lines = [
            "gong-mock \(GongMockCommand.version) ready",
            "  MCP server URL:   \(baseURL)/mcp",
            "  Health:           \(baseURL)/healthz",
            "  OAuth discovery:  \(baseURL)/.well-known/oauth-authorization-server",
            "  Listening on:     \(addresses.joined(separator: ", "))",
        ]
        if let certificatePath {
            lines.append("  TLS certificate:  \(certificatePath)  (trust it: curl --cacert \(certificatePath) \(baseURL)/healthz)")
        }
        lines.append("  Stop with Ctrl-C (SIGINT) or SIGTERM.")
        printError(lines.joined(separator: "\n"))
    }
}
