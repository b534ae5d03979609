import GongMock

/// The start-up banner on standard error: what a person needs to point a client at the mock.
/// The admin login link is one-time; it is the only secret printed, on purpose (issue #3).
enum Banner {
    static func print(application: GongMockApplication, addresses: [String], certificatePath: String?) {
        let baseURL = application.baseURL
        var lines = [
            "gong-mock \(GongMockCommand.version) ready",
            "  MCP server URL:   \(application.mcpURL)",
            "  Admin center:     \(application.adminLoginURL)   (one-time login link)",
            "  OAuth discovery:  \(baseURL)/.well-known/oauth-authorization-server",
            "                    \(baseURL)/.well-known/oauth-protected-resource/mcp",
            "  Health:           \(baseURL)/healthz",
            "  Listening on:     \(addresses.joined(separator: ", "))",
        ]
        if application.journal.isEnabled {
            lines.insert("  Client flows:     \(baseURL)/admin/flows   (journal: GET /_mock/journal, verdicts: GET /_mock/verdicts)", at: 6)
        }
        if let certificatePath {
            lines.append("  TLS certificate:  \(certificatePath)  (trust it: curl --cacert \(certificatePath) \(baseURL)/healthz)")
        }
        lines.append("  Stop with Ctrl-C (SIGINT) or SIGTERM.")
        printError(lines.joined(separator: "\n"))
    }
}
