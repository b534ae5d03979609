import Essentials
import OAuth

/// Computes a client's verdicts from its journal entries (typed outcomes and the requests as
/// sent; never log lines). Every client gets every id, `not-seen` where nothing shows it.
public enum ClientVerdicts {
    public static let ids = ["prm-discovery", "resource-indicator", "pkce-s256", "state", "redirect-uri", "token-endpoint-auth",
                             "protocol-version-header", "session-header", "refresh-after-expiry", "refresh-token-reuse", "step-up",
                             "retry-after", "credits-exhausted", "token-in-query", "code-reuse"]

    /// - Parameter entries: one client's entries, oldest first (discovery attributed to it included).
    public static func evaluate(_ entries: [JournalEntry], context: VerdictContext) -> [ClientVerdict] {
        [prmDiscovery(entries, context), resourceIndicator(entries, context), pkce(entries), state(entries), redirectURI(entries),
         tokenEndpointAuth(entries, context), protocolVersionHeader(entries), sessionHeader(entries), refreshAfterExpiry(entries),
         refreshTokenReuse(entries), stepUp(entries), retryAfter(entries), creditsExhausted(entries), tokenInQuery(entries), codeReuse(entries)]
    }

    /// Failures first, then passes, then what was not seen (the page's order).
    public static func ordered(_ verdicts: [ClientVerdict]) -> [ClientVerdict] {
        let rank: [ClientVerdict.Status: Int] = [.fail: 0, .pass: 1, .notSeen: 2]
        return verdicts.enumerated().sorted { (rank[$0.element.status] ?? 3, $0.offset) < (rank[$1.element.status] ?? 3, $1.offset) }.map(\.element)
    }

    static func seqs(_ entries: [JournalEntry]) -> [UInt64] { entries.map(\.seq) }

    // MARK: - Discovery and authorization request

    static func prmDiscovery(_ entries: [JournalEntry], _ context: VerdictContext) -> ClientVerdict {
        let id = "prm-discovery", rule = "RFC 9728 §3; MCP Authorization §Authorization Server Discovery"
        guard let authorize = entries.first(where: \.isAuthorize) else {
            return ClientVerdict(id: id, status: .notSeen, rule: rule, reason: "No authorization request from this client was seen.")
        }
        if let fetch = entries.first(where: { context.protectedResourceMetadataPaths.contains($0.path) && $0.status == 200 && $0.seq < authorize.seq }) {
            return ClientVerdict(id: id, status: .pass, rule: rule,
                                 reason: "Fetched the protected-resource metadata (\(fetch.path), seq \(fetch.seq)) before authorizing (seq \(authorize.seq)).",
                                 entries: [fetch.seq, authorize.seq])
        }
        return ClientVerdict(id: id, status: .fail, rule: rule,
                             reason: "Authorized (seq \(authorize.seq)) without fetching the protected-resource metadata first (none from the same address and User-Agent within 5 minutes before); discover the authorization server from the 401's resource_metadata.",
                             entries: [authorize.seq])
    }

    static func resourceIndicator(_ entries: [JournalEntry], _ context: VerdictContext) -> ClientVerdict {
        let id = "resource-indicator", rule = "RFC 8707 §2; MCP Authorization §Resource Parameter Implementation"
        let requests = entries.filter { ($0.isAuthorize && $0.method == "GET") || ($0.isTokenRequest && $0.grantType != nil) }
        guard !requests.isEmpty else {
            return ClientVerdict(id: id, status: .notSeen, rule: rule, reason: "No authorization or token request from this client was seen.")
        }
        for request in requests {
            let kind = request.isAuthorize ? "authorization request" : "token request (\(request.grantType ?? "?"))"
            guard let resource = request.parameter("resource") else {
                return ClientVerdict(id: id, status: .fail, rule: rule,
                                     reason: "The \(kind) (seq \(request.seq)) sent no resource parameter; send resource=\(context.mcpURL) in both the authorization and the token request.",
                                     entries: [request.seq])
            }
            guard resource == context.mcpURL else {
                return ClientVerdict(id: id, status: .fail, rule: rule,
                                     reason: "The \(kind) (seq \(request.seq)) sent resource=\(resource), not the MCP server's URL \(context.mcpURL).",
                                     entries: [request.seq])
            }
        }
        return ClientVerdict(id: id, status: .pass, rule: rule,
                             reason: "All \(requests.count) authorization and token requests sent resource=\(context.mcpURL).", entries: seqs(requests))
    }

    static func pkce(_ entries: [JournalEntry]) -> ClientVerdict {
        let id = "pkce-s256", rule = "RFC 7636 §4.2-4.6; OAuth 2.1 §4.1.1"
        if let refused = entries.first(where: { $0.refusedRule(prefix: "authorize.pkce") != nil || $0.refusedRule(prefix: "token.pkce") != nil }) {
            let event = refused.refusedRule(prefix: "authorize.pkce") ?? refused.refusedRule(prefix: "token.pkce")
            return ClientVerdict(id: id, status: .fail, rule: rule, reason: "Refused (seq \(refused.seq), \(event?.rule ?? "pkce")): \(event?.explanation ?? "")",
                                 entries: [refused.seq])
        }
        let authorizes = entries.filter { $0.isAuthorize && $0.method == "GET" }
        guard let first = authorizes.first else {
            return ClientVerdict(id: id, status: .notSeen, rule: rule, reason: "No authorization request from this client was seen.")
        }
        if let plain = authorizes.first(where: { $0.parameter("code_challenge_method") != "S256" }) {
            return ClientVerdict(id: id, status: .fail, rule: rule,
                                 reason: "The authorization request (seq \(plain.seq)) sent code_challenge_method=\(plain.parameter("code_challenge_method") ?? "(none)"); use S256.",
                                 entries: [plain.seq])
        }
        if let redeemed = entries.first(where: { $0.decided("token.code.redeemed") }) {
            return ClientVerdict(id: id, status: .pass, rule: rule,
                                 reason: "Sent an S256 code_challenge (seq \(first.seq)) and the code_verifier matched it (seq \(redeemed.seq)).",
                                 entries: [first.seq, redeemed.seq])
        }
        return ClientVerdict(id: id, status: .pass, rule: rule, reason: "Sent an S256 code_challenge (seq \(first.seq)); no code was redeemed yet.",
                             entries: [first.seq])
    }

    static func state(_ entries: [JournalEntry]) -> ClientVerdict {
        let id = "state", rule = "RFC 6749 §10.12; OAuth 2.1 §7.12"
        let authorizes = entries.filter { $0.isAuthorize && $0.method == "GET" }
        guard !authorizes.isEmpty else {
            return ClientVerdict(id: id, status: .notSeen, rule: rule, reason: "No authorization request from this client was seen.")
        }
        if let missing = authorizes.first(where: { ($0.parameter("state") ?? "").isEmpty }) {
            return ClientVerdict(id: id, status: .fail, rule: rule,
                                 reason: "The authorization request (seq \(missing.seq)) sent no state; send an unguessable value and check it on the redirect (CSRF).",
                                 entries: [missing.seq])
        }
        return ClientVerdict(id: id, status: .pass, rule: rule, reason: "Every authorization request (\(authorizes.count)) sent a state.",
                             entries: seqs(authorizes))
    }

    static func redirectURI(_ entries: [JournalEntry]) -> ClientVerdict {
        let id = "redirect-uri", rule = "RFC 6749 §3.1.2; RFC 8252 §7.3 (loopback ports); OAuth 2.1 §2.3.1"
        if let refused = entries.first(where: { entry in entry.oauthDecisions.contains { $0.outcome == .refused && $0.rule.contains("redirect_uri") } }) {
            let event = refused.oauthDecisions.first { $0.outcome == .refused && $0.rule.contains("redirect_uri") }
            return ClientVerdict(id: id, status: .fail, rule: rule, reason: "Refused (seq \(refused.seq), \(event?.rule ?? "redirect_uri")): \(event?.explanation ?? "")",
                                 entries: [refused.seq])
        }
        guard let valid = entries.first(where: { $0.decided("authorize.request.valid") }) else {
            return ClientVerdict(id: id, status: .notSeen, rule: rule, reason: "No accepted authorization request from this client was seen.")
        }
        let uri = valid.parameter("redirect_uri") ?? "?"
        return ClientVerdict(id: id, status: .pass, rule: rule, reason: "redirect_uri \(uri) matched a registered one (seq \(valid.seq)).", entries: [valid.seq])
    }

    static func tokenEndpointAuth(_ entries: [JournalEntry], _ context: VerdictContext) -> ClientVerdict {
        let id = "token-endpoint-auth", rule = "RFC 6749 §2.3.1; RFC 8414 §2 token_endpoint_auth_methods_supported; RFC 7591 §2"
        if let refused = entries.first(where: { $0.isTokenRequest && $0.refusedRule(prefix: "client_auth.") != nil }) {
            let event = refused.refusedRule(prefix: "client_auth.")
            return ClientVerdict(id: id, status: .fail, rule: rule,
                                 reason: "Client authentication refused (seq \(refused.seq), \(event?.rule ?? "client_auth"), sent \(refused.tokenAuthMethod)): \(event?.explanation ?? "")",
                                 entries: [refused.seq])
        }
        let accepted = entries.filter { $0.isTokenRequest && $0.status == 200 }
        guard let first = accepted.first else {
            return ClientVerdict(id: id, status: .notSeen, rule: rule, reason: "No successful token request from this client was seen.")
        }
        let methods = Set(accepted.map(\.tokenAuthMethod)).sorted()
        return ClientVerdict(id: id, status: .pass, rule: rule,
                             reason: "Authenticated with \(methods.joined(separator: ", ")) (advertised: \(context.tokenEndpointAuthMethods.joined(separator: ", "))), first at seq \(first.seq).",
                             entries: seqs(accepted))
    }
}
