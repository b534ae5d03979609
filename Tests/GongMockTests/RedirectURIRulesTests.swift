import Testing
@testable import GongMock

@Suite struct RedirectURIRulesTests {
    /// (uri, expected rule or nil when accepted)
    static let registrationCases: [(String, RedirectURIRule?)] = [
        ("https://claude.ai/api/mcp/auth_callback", nil),
        ("https://claude.com/api/mcp/auth_callback", nil),
        ("https://teams.microsoft.com/api/platform/v1.0/oAuthRedirect", nil),
        ("https://global.consent.azure-apim.net/redirect/new-5fgong-5fmcp-5f0123456789abcdef", nil),
        ("https://example.com:8443/cb?x=1", nil),
        ("HTTPS://Example.COM/CB", nil),
        ("http://localhost/callback", nil),
        ("http://localhost:7777/oauth/callback", nil),
        ("http://127.0.0.1:53000/cb", nil),
        ("http://127.0.0.2/cb", nil),
        ("http://127.255.255.254:1/cb", nil),
        ("http://[::1]:8080/cb", nil),
        ("cursor://anysphere.cursor-mcp/oauth/callback", nil),
        ("com.example.app:/oauth2redirect", nil),
        ("http://example.com/cb", .httpsOrLoopback),
        ("http://localhost.evil.com/cb", .httpsOrLoopback),
        ("http://128.0.0.1/cb", .httpsOrLoopback),
        ("http://127.0.0.256/cb", .httpsOrLoopback),
        ("http://[::2]/cb", .httpsOrLoopback),
        ("https://example.com/cb#frag", .noFragment),
        ("https://example.com/cb#", .noFragment),
        ("https://*.example.com/cb", .noWildcard),
        ("https://example.com/*", .noWildcard),
        ("https://user:pass@example.com/cb", .noUserinfo),
        ("https://user@example.com/cb", .noUserinfo),
        ("/api/mcp/auth_callback", .absoluteURI),
        ("claude.ai/api/mcp/auth_callback", .absoluteURI),
        ("https:///cb", .hostRequired),
        ("https://example.com:99999/cb", .validPort),
        ("https://example.com:abc/cb", .validPort),
        ("https://exa mple.com/cb", .noWhitespace),
        ("javascript:alert(1)", .allowedScheme),
        ("data:text/html,hi", .allowedScheme),
        ("file:///etc/passwd", .allowedScheme),
        ("urn:ietf:wg:oauth:2.0:oob", .allowedScheme),
        ("ftp://x", .webScheme),
        ("wss://example.com/cb", .webScheme),
        ("myapp:", .absoluteURI),
    ]

    @Test(arguments: registrationCases)
    func registration(uri: String, expected: RedirectURIRule?) {
        #expect(RedirectURIRules.validate(uri)?.rule == expected, "\(uri)")
    }

    @Test func normalizationTrimsDropsBlanksAndDuplicates() {
        let (uris, rejections) = RedirectURIRules.normalize(text: "  https://a.example/cb  \r\n\n\t\nhttps://a.example/cb\nhttps://b.example/cb\n")
        #expect(uris == ["https://a.example/cb", "https://b.example/cb"])
        #expect(rejections.isEmpty)
    }

    @Test func rejectionNamesTheRule() {
        let rejection = RedirectURIRules.validate("http://example.com/cb")
        #expect(rejection?.message.contains("https-or-loopback") == true)
        #expect(rejection?.message.contains("'example.com' is not a loopback host") == true)
    }

    static let claude = ["https://claude.ai/api/mcp/auth_callback"]
    /// (requested, registered, chatGPT flag, allowed basis or nil when refused, hint fragment)
    static let matchCases: [(String, [String], Bool, RedirectURIDecision.Basis, String?)] = [
        ("https://claude.ai/api/mcp/auth_callback", claude, false, .exactMatch, nil),
        ("https://claude.com/api/mcp/auth_callback", claude, false, .refused, "Claude uses both the claude.ai and the claude.com callback"),
        ("https://claude.ai/api/mcp/auth_callback/", claude, false, .refused, "trailing slash"),
        ("https://Claude.ai/api/mcp/auth_callback", claude, false, .refused, "letter case"),
        ("https://claude.ai/API/mcp/auth_callback", claude, false, .refused, "letter case"),
        ("http://claude.ai/api/mcp/auth_callback", claude, false, .refused, "http vs https"),
        ("https://claude.ai:443/api/mcp/auth_callback", claude, false, .refused, "port"),
        ("https://claude.ai/api/mcp/auth_callback?x=1", claude, false, .refused, "query"),
        ("https://claude.ai/api/mcp/auth_callback#x", claude, false, .refused, nil),
        ("http://127.0.0.1:61234/callback", ["http://127.0.0.1/callback"], false, .loopbackAnyPort, nil),
        ("http://127.0.0.1:61234/callback", ["http://127.0.0.1:5000/callback"], false, .loopbackAnyPort, nil),
        ("http://localhost:3000/cb", ["http://localhost/cb"], false, .loopbackAnyPort, nil),
        ("http://[::1]:4000/cb", ["http://[::1]/cb"], false, .loopbackAnyPort, nil),
        ("http://127.0.0.1:4000/cb", ["http://localhost/cb"], false, .refused, nil),
        ("http://127.0.0.1:4000/other", ["http://127.0.0.1/cb"], false, .refused, nil),
        ("https://example.com:8443/cb", ["https://example.com/cb"], false, .refused, "any port is accepted only for http redirect URIs on a loopback host"),
        ("http://localhost.evil.com:3000/cb", ["http://localhost/cb"], false, .refused, nil),
        ("cursor://anysphere.cursor-mcp/oauth/callback", ["cursor://anysphere.cursor-mcp/oauth/callback"], false, .exactMatch, nil),
        ("https://chatgpt.com/connector/oauth/OUbdUMlL15Ct", claude, true, .chatGPTDynamic, nil),
        ("https://chatgpt.com/connector_platform_oauth_redirect", [], true, .chatGPTDynamic, nil),
        ("https://chatgpt.com/connector/oauth/OUbdUMlL15Ct", claude, false, .refused, "ChatGPT (dynamic redirect)"),
        ("https://chatgpt.com/connector/oauth/", [], true, .refused, "{callback_id}"),
        ("https://chatgpt.com/connector/oauth/abc/def", [], true, .refused, nil),
        ("https://chatgpt.com/connector/oauth/abc?x=1", [], true, .refused, nil),
        ("https://chatgpt.com/connector/oauth/a.b", [], true, .refused, nil),
        ("https://chatgpt.com/other/path", [], true, .refused, nil),
        ("https://evil.com/connector/oauth/abc", [], true, .refused, nil),
        ("http://chatgpt.com/connector/oauth/abc", [], true, .refused, nil),
        ("https://chatgpt.com/connector/oauth/" + String(repeating: "a", count: 65), [], true, .refused, nil),
        ("https://chatgpt.com/connector/oauth/" + String(repeating: "a", count: 64), [], true, .chatGPTDynamic, nil),
    ]

    @Test(arguments: matchCases)
    func matching(requested: String, registered: [String], chatGPT: Bool, basis: RedirectURIDecision.Basis, hint: String?) {
        let decision = RedirectURIRules.match(requested, registered: registered, chatGPTDynamic: chatGPT, owner: "integration 'Claude'")
        #expect(decision.basis == basis, "\(requested): \(decision.explanation)")
        if let hint { #expect(decision.explanation.contains(hint), "\(decision.explanation)") }
    }

    @Test func claudeExplanationIsExact() {
        let decision = RedirectURIRules.match("https://claude.com/api/mcp/auth_callback", registered: Self.claude, chatGPTDynamic: false, owner: "integration 'Claude'")
        #expect(decision.explanation == "redirect_uri 'https://claude.com/api/mcp/auth_callback' is not registered for integration 'Claude'. The only registered URI is 'https://claude.ai/api/mcp/auth_callback' (differs in host). Redirect URIs must match exactly; only an http loopback URI may use another port (RFC 8252 §7.3). Hint: Claude uses both the claude.ai and the claude.com callback; register both (the Claude preset does).")
        #expect(decision.registeredURI == "https://claude.ai/api/mcp/auth_callback")
    }

    @Test func closestRegisteredIsReported() {
        let decision = RedirectURIRules.match("https://app.example.com/callbak", registered: ["https://zzz.test/x", "https://app.example.com/callback"],
                                              chatGPTDynamic: false, owner: "integration 'X'")
        #expect(decision.registeredURI == "https://app.example.com/callback")
        #expect(decision.explanation.contains("Closest: 'https://app.example.com/callback' (differs in path)."))
    }

    @Test func automaticRegistrationUsesTheSameMatching() {
        let decisions = RedirectURIRules.registrationDecisions(
            ["http://127.0.0.1:9999/cb", "https://evil.example/cb", "http://example.com/cb"],
            registered: ["http://127.0.0.1/cb"], chatGPTDynamic: false, owner: "integration 'CI'")
        #expect(decisions.map(\.isAllowed) == [true, false, false])
        #expect(decisions[2].explanation.contains("https-or-loopback"))
    }

    @Test func presetsCarryGongsURIs() {
        #expect(ClientPreset.claude.redirectURIs == RedirectURIRules.claudeCallbacks)
        #expect(ClientPreset.m365Copilot.redirectURIs == ["https://teams.microsoft.com/api/platform/v1.0/oAuthRedirect"])
        #expect(ClientPreset.chatGPT.enablesChatGPTDynamic)
        for preset in ClientPreset.all { for uri in preset.redirectURIs { #expect(RedirectURIRules.validate(uri) == nil) } }
    }
}
