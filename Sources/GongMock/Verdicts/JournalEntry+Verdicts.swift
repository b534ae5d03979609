import HTTPServer
import OAuth

extension JournalEntry {
    /// A request the token endpoint decided on.
    var isTokenRequest: Bool { method == "POST" && oauthDecisions.contains { $0.endpoint == .token } }
    var grantType: String? { parameter("grant_type") }
    var isMCP: Bool { route == "/mcp" && method != "OPTIONS" }
    var isInitialize: Bool { mcp?.rpcMethod == "initialize" }
    func requestHeader(_ name: String) -> String? { request.headers[name] }
    func responseHeader(_ name: String) -> String? { response.headers[name] }

    /// The rule of the first refusal whose id starts with `prefix`.
    func refusedRule(prefix: String) -> OAuthDecisionEvent? {
        oauthDecisions.first { $0.outcome == .refused && $0.rule.hasPrefix(prefix) }
    }

    func decided(_ rule: String) -> Bool { oauthDecisions.contains { $0.rule == rule && $0.outcome == .accepted } }

    /// How the client authenticated at the token endpoint, from what it sent.
    var tokenAuthMethod: String {
        if let authorization = request.headers["Authorization"], authorization.lowercased().hasPrefix("basic ") { return "client_secret_basic" }
        if parameter("client_secret") != nil { return "client_secret_post" }
        if parameter("client_assertion") != nil { return "private_key_jwt" }
        return "none"
    }

    /// A parameter of a `WWW-Authenticate` challenge (`scope`, `error`), unquoted.
    func challengeParameter(_ name: String) -> String? {
        guard let challenge = response.headers["WWW-Authenticate"] else { return nil }
        guard let range = challenge.firstRange(of: name + "=") else { return nil }
        var rest = challenge[range.upperBound...]
        if rest.hasPrefix("\"") {
            rest = rest.dropFirst()
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
        return String(rest.prefix { $0 != "," && $0 != " " })
    }
}
