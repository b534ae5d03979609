import CryptoPrimitives
import Essentials
import HTTPServer
import Testing
@testable import OAuth

@Suite struct AuthorizeTests {
    struct PageCase: Sendable, CustomStringConvertible {
        let name: String
        let overrides: [String: String?]
        let clientID: String
        let fragment: String
        var description: String { name }
    }

    static let pageCases: [PageCase] = [
        PageCase(name: "missing client_id", overrides: ["client_id": nil], clientID: "manual-1", fragment: "no client_id"),
        PageCase(name: "unknown client", overrides: [:], clientID: "nobody", fragment: "client_id &#39;nobody&#39; is not registered"),
        PageCase(name: "missing redirect_uri", overrides: ["redirect_uri": nil], clientID: "manual-1", fragment: "no redirect_uri"),
        PageCase(name: "unregistered redirect", overrides: ["redirect_uri": "https://client.example.com/cb2"], clientID: "manual-1",
                 fragment: "<li><code>https://client.example.com/cb</code> <strong class=\"tag\" id=\"closest\">closest: differs in path</strong></li>"),
        PageCase(name: "redirect with fragment", overrides: ["redirect_uri": "https://client.example.com/cb#x"], clientID: "manual-1", fragment: "fragment"),
        PageCase(name: "CIMD URL while CIMD is off", overrides: [:], clientID: ClientMetadataDocumentCatalog.claudeURL, fragment: "does not accept metadata documents"),
    ]

    @Test(arguments: pageCases)
    func untrustedClientOrRedirectGetsAnErrorPageWithoutRedirect(_ testCase: PageCase) throws {
        let harness = try Harness()
        let response = try harness.get("/oauth2/authorize", Harness.authorizeQuery(testCase.overrides, clientID: testCase.clientID))
        #expect(response.status == .badRequest)
        #expect(response.headers["Location"] == nil)
        #expect(response.headers["Content-Type"]?.hasPrefix("text/html") == true)
        #expect(Harness.body(response).contains(testCase.fragment), "page should explain: \(testCase.fragment)")
        #expect(harness.recordedEvents.last?.outcome == .refused)
    }

    struct RedirectCase: Sendable, CustomStringConvertible {
        let name: String
        let overrides: [String: String?]
        let error: String
        let fragment: String
        var description: String { name }
    }

    static let redirectCases: [RedirectCase] = [
        RedirectCase(name: "response_type token", overrides: ["response_type": "token"], error: "unsupported_response_type", fragment: "only 'code'"),
        RedirectCase(name: "missing response_type", overrides: ["response_type": nil], error: "invalid_request", fragment: "response_type is required"),
        RedirectCase(name: "missing PKCE", overrides: ["code_challenge": nil], error: "invalid_request", fragment: "PKCE"),
        RedirectCase(name: "plain PKCE", overrides: ["code_challenge_method": "plain"], error: "invalid_request", fragment: "'plain'"),
        RedirectCase(name: "absent method means plain", overrides: ["code_challenge_method": nil], error: "invalid_request", fragment: "absent"),
        RedirectCase(name: "short challenge", overrides: ["code_challenge": "abc"], error: "invalid_request", fragment: "43-character"),
        RedirectCase(name: "no allowed scope", overrides: ["scope": "claudeai openid"], error: "invalid_scope", fragment: "none of the requested scopes"),
        RedirectCase(name: "foreign resource", overrides: ["resource": "https://evil.example.com/mcp"], error: "invalid_target", fragment: "evil.example.com"),
    ]

    @Test(arguments: redirectCases)
    func laterRefusalsRedirectWithErrorStateAndIss(_ testCase: RedirectCase) throws {
        let harness = try Harness()
        let response = try harness.get("/oauth2/authorize", Harness.authorizeQuery(testCase.overrides))
        #expect(response.status == .found)
        let location = try #require(response.headers["Location"])
        #expect(location.hasPrefix(Harness.redirect + "?"))
        let items = Harness.queryItems(location)
        #expect(items.first { $0.name == "error" }?.value == testCase.error)
        #expect(items.first { $0.name == "error_description" }?.value.contains(testCase.fragment) == true)
        #expect(items.filter { $0.name == "state" }.map(\.value) == ["st-123"])
        #expect(items.filter { $0.name == "iss" }.map(\.value) == [Harness.issuer])
        #expect(!items.contains { $0.name == "code" })
        #expect(harness.recordedEvents.last?.errorCode == testCase.error)
    }

    @Test func resourceToleratesCaseAndOneTrailingSlashAndAbsence() throws {
        let harness = try Harness { $0.autoApproveSubject = "ada@example.com" }
        for resource in ["HTTP://127.0.0.1:7777/mcp/", nil] {
            let response = try harness.get("/oauth2/authorize", Harness.authorizeQuery(["resource": resource]))
            let items = Harness.queryItems(try #require(response.headers["Location"]))
            #expect(items.contains { $0.name == "code" })
        }
        #expect(harness.recordedEvents.contains { $0.explanation.contains("no resource parameter") })
    }

    @Test func autoApproveRedirectsWithCodeStateIssEachOnce() throws {
        let harness = try Harness { $0.autoApproveSubject = "ada@example.com" }
        let response = try harness.get("/oauth2/authorize", Harness.authorizeQuery())
        #expect(response.status == .found, "302, never 307/308")
        let items = Harness.queryItems(try #require(response.headers["Location"]))
        #expect(items.map(\.name) == ["code", "state", "iss"])
        #expect(items[1].value == "st-123")
        #expect(items[2].value == Harness.issuer)
    }

    @Test func consentPageShowsClientContextScopesAndRedirectHostEscaped() throws {
        let harness = try Harness()
        let response = try harness.get("/oauth2/authorize", Harness.authorizeQuery(["scope": "mcp:ai-ask:read"]))
        #expect(response.status == .ok)
        let html = Harness.body(response)
        #expect(html.contains("Manual &lt;Integration&gt;"))
        #expect(!html.contains("Manual <Integration>"))
        #expect(html.contains("Personal access"))
        #expect(html.contains("mcp:ai-ask:read"))
        #expect(!html.contains("mcp:ai-briefer:read"))
        #expect(html.contains("client.example.com"))
        #expect(html.contains("Collaborator seats cannot connect to the Gong MCP server"))
        #expect(Harness.transaction(in: response) != nil)
    }

    @Test func consentPageStatesEachFactOnceWithWhatScopesUnlockAndWhoCannotConnect() throws {
        let harness = try Harness { configuration in
            configuration.pageBrand = "Test <brand>"
            configuration.scopeDescriptions = ["mcp:ai-ask:read": "Ask"]
            configuration.scopeUnlocks = ["mcp:ai-ask:read": ["ask_account", "ask_deal"], "mcp:ai-briefer:read": []]
        }
        harness.policy.contents.withLock { state in
            state.subjects.append(OAuthSubject(id: "u-cid", displayName: "Cid Collaborator", email: "cid@example.com", canAuthorize: false,
                                               refusalReason: "Collaborator seats cannot connect to the Gong MCP server"))
        }
        let response = try harness.get("/oauth2/authorize", Harness.authorizeQuery(["scope": "mcp:ai-ask:read mcp:ai-briefer:read"]))
        let html = Harness.body(response)
        #expect(html.contains("<title>Sign in to connect Manual &lt;Integration&gt; · Test &lt;brand&gt;</title>"))
        #expect(html.contains("<h1>Sign in to connect Manual &lt;Integration&gt;</h1>"))
        #expect(html.contains("Unlocks <code>ask_account</code>, <code>ask_deal</code>") && html.contains("Unlocks nothing on this server yet."))
        // People who cannot connect are not offered in the picker, and each reason is stated once.
        #expect(html.contains("Ada Admin &lt;ada@example.com&gt;</option>") && !html.contains("cleo@example.com"))
        #expect(html.components(separatedBy: "Collaborator seats cannot connect").count == 2)
        #expect(html.contains("<dt>Cleo Collaborator, Cid Collaborator</dt>"))
        #expect(html.contains("<strong>client.example.com</strong>") && html.contains("<code>https://client.example.com/cb</code>"))
        #expect(html.contains(HTMLStylesheet.css))
        // The consent form's answer redirects to the client, so form-action must not be limited to 'self'.
        #expect(response.headers["Content-Security-Policy"]?.contains("form-action") == false)
    }

    @Test func consentApproveIssuesCodeAndDenyGivesAccessDenied() throws {
        let harness = try Harness()
        let page = try harness.get("/oauth2/authorize", Harness.authorizeQuery())
        let transaction = try #require(Harness.transaction(in: page))
        let approved = try harness.post("/oauth2/authorize/decision", form: [("transaction", transaction), ("email", "BOB@example.com"), ("decision", "approve")])
        #expect(approved.status == .found)
        #expect(Harness.queryItems(try #require(approved.headers["Location"])).map(\.name) == ["code", "state", "iss"])
        let replay = try harness.post("/oauth2/authorize/decision", form: [("transaction", transaction), ("subject", "u-bob"), ("decision", "approve")])
        #expect(replay.status == .badRequest)
        #expect(Harness.body(replay).contains("already submitted"))

        let second = try #require(Harness.transaction(in: try harness.get("/oauth2/authorize", Harness.authorizeQuery())))
        let denied = try harness.post("/oauth2/authorize", form: [("transaction", second), ("decision", "deny")])
        let items = Harness.queryItems(try #require(denied.headers["Location"]))
        #expect(items.first { $0.name == "error" }?.value == "access_denied")
        #expect(items.first { $0.name == "state" }?.value == "st-123")
    }

    @Test func redirectURIUnregisteredWhileTheConsentPageWasOpenIsRefusedOnApproval() throws {
        let harness = try Harness()
        let page = try harness.get("/oauth2/authorize", Harness.authorizeQuery())
        let transaction = try #require(Harness.transaction(in: page))
        harness.policy.add(FakePolicy.manualClient(id: "manual-1", secret: "s3cret", redirects: ["https://client.example.com/other"]))
        let approved = try harness.post("/oauth2/authorize/decision", form: [("transaction", transaction), ("subject", "u-bob"), ("decision", "approve")])
        #expect(approved.status == .badRequest && approved.headers["Location"] == nil)
        #expect(Harness.body(approved).contains("<code>https://client.example.com/other</code>"))
    }

    @Test func userWhoCannotAuthorizeGetsAccessDeniedWithReason() throws {
        let harness = try Harness()
        let transaction = try #require(Harness.transaction(in: try harness.get("/oauth2/authorize", Harness.authorizeQuery())))
        let response = try harness.post("/oauth2/authorize/decision", form: [("transaction", transaction), ("subject", "u-col"), ("decision", "approve")])
        let items = Harness.queryItems(try #require(response.headers["Location"]))
        #expect(items.first { $0.name == "error" }?.value == "access_denied")
        #expect(items.first { $0.name == "error_description" }?.value.contains("Collaborator seats cannot connect") == true)
    }

    @Test func unknownOrMissingUserRerendersThePage() throws {
        let harness = try Harness()
        let transaction = try #require(Harness.transaction(in: try harness.get("/oauth2/authorize", Harness.authorizeQuery())))
        let unknown = try harness.post("/oauth2/authorize/decision", form: [("transaction", transaction), ("email", "zed@example.com"), ("decision", "approve")])
        #expect(unknown.status == .badRequest)
        #expect(Harness.body(unknown).contains("No user matches &#39;zed@example.com&#39;"))
        let retry = try #require(Harness.transaction(in: unknown))
        let approved = try harness.post("/oauth2/authorize/decision", form: [("transaction", retry), ("subject", "u-ada"), ("decision", "approve")])
        #expect(approved.status == .found)
    }

    @Test func tamperedOrExpiredTransactionIsRefused() throws {
        let harness = try Harness()
        let transaction = try #require(Harness.transaction(in: try harness.get("/oauth2/authorize", Harness.authorizeQuery())))
        let parts = transaction.split(separator: ".").map(String.init)
        let forgedPayload = Base64URL.encode(Array(#"{"txn":"x","client_id":"manual-1","redirect_uri":"https://evil.example/cb","code_challenge":"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM","scope":"mcp:ai-ask:read","exp":9999999999}"#.utf8))
        let tampered = [parts[0], forgedPayload, parts[2]].joined(separator: ".")
        let refused = try harness.post("/oauth2/authorize/decision", form: [("transaction", tampered), ("subject", "u-ada"), ("decision", "approve")])
        #expect(refused.status == .badRequest)
        #expect(refused.headers["Location"] == nil)
        harness.clock.advance(by: 601)
        let expired = try harness.post("/oauth2/authorize/decision", form: [("transaction", transaction), ("subject", "u-ada"), ("decision", "approve")])
        #expect(expired.status == .badRequest)
        #expect(Harness.body(expired).contains("expired"))
    }

    @Test func existingQueryInRedirectURIIsKept() throws {
        let harness = try Harness { $0.autoApproveSubject = "u-ada" }
        harness.policy.add(FakePolicy.manualClient(id: "q", secret: "x", redirects: ["https://client.example.com/cb?tenant=7"]))
        let response = try harness.get("/oauth2/authorize", Harness.authorizeQuery(["redirect_uri": "https://client.example.com/cb?tenant=7"], clientID: "q"))
        let location = try #require(response.headers["Location"])
        #expect(location.hasPrefix("https://client.example.com/cb?tenant=7&code="))
    }

    @Test func loopbackRedirectMatchesAnyPort() throws {
        let harness = try Harness { $0.autoApproveSubject = "u-ada" }
        let response = try harness.get("/oauth2/authorize", Harness.authorizeQuery(["redirect_uri": "http://127.0.0.1:53124/callback"]))
        #expect(response.status == .found)
        #expect(response.headers["Location"]?.hasPrefix("http://127.0.0.1:53124/callback?code=") == true)
    }
}
