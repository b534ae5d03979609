import Essentials
import Foundation
import HTTPServer
import OAuth
import Testing
@testable import GongMock

/// Gong's rows of the redirect hint table, and the one explanation reaching the authorization
/// error page and DCR's `error_description` with its hint exactly once.
@Suite struct RedirectMismatchGongTests {
    struct Row: Sendable, CustomStringConvertible {
        let rule: String
        let requested: String
        let registered: [String]
        let chatGPTDynamic: Bool
        let fragment: String
        var description: String { rule + " " + requested }
    }

    /// One row per hint of the full table the integrations use (Gong's rows first, then the generic ones).
    static let rows: [Row] = [
        Row(rule: "chatgpt-dynamic-off", requested: "https://chatgpt.com/connector/oauth/OUbdUMlL15Ct",
            registered: ["https://claude.ai/api/mcp/auth_callback"], chatGPTDynamic: false, fragment: "enable \"ChatGPT (dynamic redirect)\""),
        Row(rule: "chatgpt-callback-shape", requested: "https://chatgpt.com/connector/oauth/a.b", registered: [], chatGPTDynamic: true,
            fragment: "{callback_id}: 1-64"),
        Row(rule: "claude-sibling", requested: "https://claude.com/api/mcp/auth_callback",
            registered: ["https://claude.ai/api/mcp/auth_callback"], chatGPTDynamic: false, fragment: "register both"),
        Row(rule: "loopback-host", requested: "http://localhost:33418/callback", registered: ["http://127.0.0.1/callback"],
            chatGPTDynamic: false, fragment: "localhost and 127.0.0.1 are different hosts"),
        Row(rule: "trailing-slash", requested: "http://127.0.0.1:61234/callback/", registered: ["http://127.0.0.1/callback"],
            chatGPTDynamic: false, fragment: "adds a trailing slash"),
        Row(rule: "scheme", requested: "http://claude.ai/api/mcp/auth_callback", registered: ["https://claude.ai/api/mcp/auth_callback"],
            chatGPTDynamic: false, fragment: "http vs https"),
        Row(rule: "path-segment", requested: "https://claude.ai/api/mcp", registered: ["https://claude.ai/api/mcp/auth_callback"],
            chatGPTDynamic: false, fragment: "missing the segment 'auth_callback'"),
        Row(rule: "port", requested: "https://claude.ai:8443/api/mcp/auth_callback", registered: ["https://claude.ai/api/mcp/auth_callback"],
            chatGPTDynamic: false, fragment: "Only the port differs"),
        Row(rule: "letter-case", requested: "https://claude.ai/API/mcp/auth_callback", registered: ["https://claude.ai/api/mcp/auth_callback"],
            chatGPTDynamic: false, fragment: "letter case"),
        Row(rule: "query", requested: "https://claude.ai/api/mcp/auth_callback?x=1", registered: ["https://claude.ai/api/mcp/auth_callback"],
            chatGPTDynamic: false, fragment: "query"),
    ]

    @Test(arguments: rows)
    func hintIsChosenOnce(_ row: Row) throws {
        let decision = RedirectURIRules.match(row.requested, registered: row.registered, chatGPTDynamic: row.chatGPTDynamic, owner: "integration 'X'")
        let mismatch = try #require(decision.mismatch, "\(decision.explanation)")
        let hint = try #require(mismatch.hint, "no hint: \(mismatch.text)")
        #expect(hint.rule == row.rule, "\(mismatch.text)")
        #expect(hint.text.contains(row.fragment), "\(hint.text)")
        #expect(decision.explanation.count(of: hint.text) == 1, "\(decision.explanation)")
        #expect(GongOAuthPolicy.decision(decision).refusalText?.count(of: hint.text) == 1, "the OAuth decision carries the hint once")
    }

    @Test func authorizationPageShowsTheLoopbackHintOnce() throws {
        let harness = try GongMockHarness()
        let query = URLEncodedForm.encode([("response_type", "code"), ("client_id", GongMockHarness.ciClientID),
                                           ("redirect_uri", "http://localhost:33418/callback"), ("code_challenge", String(repeating: "a", count: 43)),
                                           ("code_challenge_method", "S256")])
        let response = harness.send(.get, "/oauth2/authorize?" + query)
        #expect(response.status == .badRequest)
        let page = GongMockHarness.bodyText(response)
        #expect(page.count(of: "localhost and 127.0.0.1 are different hosts") == 1, "\(page)")
        #expect(page.contains("<strong class=\"tag\" id=\"closest\">closest: differs in host</strong>"))
        #expect(page.contains("The only registered URI") == false, "the page shows fields, not the log sentence")
    }

    @Test func registrationRefusalCarriesTheHintOnce() throws {
        let harness = try GongMockHarness()
        let body = #"{"redirect_uris":["https://claude.com/api/mcp/auth_callback/"],"client_name":"x"}"#
        let response = harness.send(.post, "/oauth2/register", headers: ["Content-Type": "application/json"], body: Array(body.utf8))
        #expect(response.status == .badRequest)
        let description = GongMockHarness.json(response)["error_description"]?.stringValue ?? ""
        #expect(description.count(of: "adds a trailing slash") == 1, "\(description)")
        #expect(description.count(of: "Hint:") == 1, "\(description)")
    }
}

extension String {
    func count(of needle: String) -> Int {
        guard !needle.isEmpty else { return 0 }
        var count = 0
        var rest = self[...]
        while let range = rest.range(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}
