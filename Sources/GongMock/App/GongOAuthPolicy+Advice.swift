import OAuth

extension GongOAuthPolicy {
    /// Where a Gong admin manages MCP integrations (gong.md §1, version C), and where the mock has it.
    static let integrationsLocation = "Admin center → Settings → Ecosystem → MCP; in gong-mock: \(AdminPages.integrationsPath), the admin API or the seed file"

    /// Plain words for a client that cannot register itself: in Gong, a MANUAL integration's
    /// client ID and secret come from the admin; only an AUTOMATIC integration lets clients register.
    public func registrationUnavailableAdvice(switchedOff: Bool) -> String {
        var text = switchedOff ? "Dynamic client registration is switched off (gong-mock --registration off). " : ""
        let all = integrations.list()
        let manual = all.filter { $0.registrationType == .manual }.map { "'\($0.name)'" }
        if all.isEmpty {
            text += "No MCP integration exists yet. A Gong admin creates one (\(Self.integrationsLocation))."
            return text
        }
        if !manual.isEmpty, all.allSatisfy({ $0.registrationType == .manual }) {
            text += "This Gong MCP integration\(manual.count == 1 ? " is" : "s are") MANUAL (\(manual.joined(separator: ", "))): clients do not register themselves. "
        }
        text += "Ask your Gong admin for the integration's client ID and client secret (\(Self.integrationsLocation)) and enter them in your "
            + "MCP client; or ask for an integration with Registration type AUTOMATIC whose redirect URIs admit your client's callback, "
            + "so the client can register itself (RFC 7591)."
        return text
    }

    public var publicClientAdvice: String {
        "Gong issues a client secret to every MCP integration, so gong-mock refuses public clients (no secret, PKCE only) as Gong does. "
            + "Register with client_secret_basic or client_secret_post, or start gong-mock with --public-clients to accept them."
    }
}
