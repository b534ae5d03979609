import Essentials
import HTTPServer
import Testing
@testable import GongMock

/// The pages a person meets in the middle of a client's flow, rendered by the whole application:
/// the admin center's look, each fact once (issue #19). The browser checks are in
/// Tests/interop/test_pages.py.
@Suite struct GongMockPagesTests {
    typealias H = GongMockHarness

    static func authorizeTarget(clientID: String = H.ciClientID, redirectURI: String = H.ciRedirect) -> String {
        let query: [(String, String)] = [("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirectURI),
                                         ("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"), ("code_challenge_method", "S256")]
        return "/oauth2/authorize?" + URLEncodedForm.encode(query)
    }

    /// Sentences of the page's text (tags dropped) that appear more than once.
    static func repeatedSentences(_ html: String) -> [String] {
        var text = "", inTag = false
        for character in html {
            if character == "<" { inTag = true; text.append(" ") } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        var seen = Set<String>(), repeated: [String] = []
        for sentence in text.split(separator: ".").map({ $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }) where sentence.count >= 20 {
            if !seen.insert(sentence).inserted { repeated.append(sentence) }
        }
        return repeated
    }

    @Test func consentPageShowsTheToolsEachScopeUnlocksAndWhoCannotConnectOnce() throws {
        let harness = try H()
        let response = harness.send(.get, Self.authorizeTarget())
        #expect(response.status == .ok)
        let html = H.bodyText(response)
        #expect(html.contains("<title>Sign in to connect CI pipeline · gong · mock</title>"))
        #expect(html.contains("<code>mcp:ai-ask:read</code> <strong>AI Ask Anything</strong><br><span class=\"hint\">Unlocks <code>ask_account</code>, <code>ask_deal</code>"))
        #expect(html.contains("<strong>AI Briefer</strong><br><span class=\"hint\">Unlocks <code>generate_brief</code>"))
        #expect(html.contains("<dt>Chloe Martin, Sam Novak</dt><dd>Collaborator seats cannot connect to the Gong MCP server; a paid Gong seat is required</dd>"))
        #expect(html.contains("<dt>Hannah Weiss</dt><dd>Deactivated users cannot connect"))
        #expect(!html.contains("chloe.martin@"), "people who cannot connect are not offered in the picker")
        #expect(html.contains(HTMLStylesheet.css))
        #expect(Self.repeatedSentences(html).isEmpty, "\(Self.repeatedSentences(html))")
    }

    @Test func refusalForAnUnregisteredRedirectURIStatesItsHintOnce() throws {
        let harness = try H()
        let response = harness.send(.get, Self.authorizeTarget(redirectURI: H.ciRedirect + "/"))
        #expect(response.status == .badRequest)
        let html = H.bodyText(response)
        #expect(html.contains("<h1>Authorization request refused</h1>") && html.contains("trailing slash"))
        #expect(html.contains(HTMLStylesheet.css))
        #expect(Self.repeatedSentences(html).isEmpty, "\(Self.repeatedSentences(html))")
    }

    @Test func collaboratorRefusalNamesThePersonAndTheReasonOnce() throws {
        let harness = try H()
        let answer = harness.authorize(clientID: H.ciClientID, user: H.chloe)
        #expect(answer["error"] == "access_denied")
        #expect(answer["error_description"] == "Chloe Martin (chloe.martin@northwind-analytics.com) cannot authorize this client: Collaborator seats cannot connect to the Gong MCP server; a paid Gong seat is required.")
    }
}
