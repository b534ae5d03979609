import Essentials
import HTTPServer
import Testing
@testable import GongMock

@Suite struct AdminPagesTests {
    let harness: AdminHarness
    init() throws { harness = try AdminHarness() }

    /// Logs in with the one-time token and returns the session cookie header value and the session.
    func login(secure: Bool = false) throws -> (cookie: String, session: AdminSession) {
        let response = try harness.router.respond(to: HTTPRequest(method: .get, target: "/admin/login?token=test-login-token-0123456789"),
                                                  context: RequestContext(isSecure: secure))
        #expect(response.status == .seeOther && response.headers["Location"] == "/admin")
        let setCookie = try #require(response.headers["Set-Cookie"])
        let pair = try #require(setCookie.split(separator: ";").first.map(String.init))
        let session = try #require(harness.auth.session(for: HTTPRequest(method: .get, target: "/", headers: ["Cookie": pair])))
        return (pair, session)
    }

    func page(_ method: HTTPMethod, _ target: String, cookie: String?, form: [(String, String)]? = nil) throws -> HTTPResponse {
        var headers = HTTPHeaders()
        if let cookie { headers.add("Cookie", cookie) }
        if form != nil { headers.add("Content-Type", "application/x-www-form-urlencoded") }
        let body = form.map { Array(URLEncodedForm.encode($0).utf8) } ?? []
        return try harness.router.respond(to: HTTPRequest(method: method, target: target, headers: headers, body: body), context: RequestContext())
    }

    @Test func loginTokenWorksOnceAndSetsAStrictCookie() throws {
        let response = try harness.router.respond(to: HTTPRequest(method: .get, target: "/admin/login?token=test-login-token-0123456789"),
                                                  context: RequestContext(isSecure: true))
        let cookie = try #require(response.headers["Set-Cookie"])
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Secure") && cookie.contains("Path=/admin"))
        let again = try page(.get, "/admin/login?token=test-login-token-0123456789", cookie: nil)
        #expect(again.status == .forbidden && again.bodyText.contains("works once"))
    }

    @Test func cookieIsNotSecureOverPlainHTTP() throws {
        let response = try harness.router.respond(to: HTTPRequest(method: .get, target: "/admin/login?token=test-login-token-0123456789"),
                                                  context: RequestContext(isSecure: false))
        #expect(response.headers["Set-Cookie"]?.contains("Secure") == false)
    }

    @Test func pagesNeedASession() throws {
        for path in ["/admin", "/admin/settings/ecosystem/mcp", "/admin/users", "/admin/settings/credits", "/admin/settings/credits/usage.csv"] {
            let response = try page(.get, path, cookie: nil)
            #expect(response.status == .unauthorized && response.bodyText.contains("one-time admin login link"), "\(path)")
        }
        #expect(try page(.get, "/admin", cookie: "gong_mock_admin=forged").status == .unauthorized)
    }

    @Test func formPostsNeedTheSessionsCSRFToken() throws {
        let (cookie, _) = try login()
        let fields = [("name", "X"), ("redirectURIs", "https://x.example/cb"), ("save", "1")]
        let missing = try page(.post, "/admin/settings/ecosystem/mcp", cookie: cookie, form: fields)
        #expect(missing.status == .forbidden && missing.bodyText.contains("CSRF"))
        let wrong = try page(.post, "/admin/settings/ecosystem/mcp", cookie: cookie, form: fields + [("csrf", "nope")])
        #expect(wrong.status == .forbidden)
        #expect(harness.store.list().isEmpty)
        let otherSession = harness.auth.redeemLoginToken(harness.auth.issueLoginToken())
        let foreign = try page(.post, "/admin/settings/ecosystem/mcp", cookie: cookie, form: fields + [("csrf", otherSession?.csrfToken ?? "")])
        #expect(foreign.status == .forbidden && harness.store.list().isEmpty)
    }

    @Test func createThroughTheFormThenViewCredentialsEditAndDelete() throws {
        let (cookie, session) = try login()
        let form = try page(.get, "/admin/settings/ecosystem/mcp/new/mcp", cookie: cookie)
        #expect(form.status == .ok)
        for wording in ["Integration name", "Shared access", "Personal access (Default)", "Allows the AI agent to access all your Gong data.",
                        "This setting can&#39;t be changed once you&#39;ve submitted the integration.", "one URL per line", "Registration type",
                        "ChatGPT assigns the redirect URI dynamically", session.csrfToken] {
            #expect(form.bodyText.contains(wording), "\(wording)")
        }
        let created = try page(.post, "/admin/settings/ecosystem/mcp", cookie: cookie, form: [
            ("csrf", session.csrfToken), ("name", "Claude"), ("authorizationContext", "SHARED"), ("registrationType", "MANUAL"),
            ("redirectURIs", "https://claude.ai/api/mcp/auth_callback\r\n\r\nhttps://claude.com/api/mcp/auth_callback\r\n"),
            ("scopes", "mcp:ai-ask:read"), ("scopes", "mcp:ai-briefer:read"), ("save", "1"),
        ])
        #expect(created.status == .seeOther)
        let integration = try #require(harness.store.list().first)
        #expect(integration.redirectURIs == RedirectURIRules.claudeCallbacks && integration.scopes == [.aiAsk, .aiBriefer])
        #expect(integration.authorizationContext == .shared)
        let location = try #require(created.headers["Location"])
        let credentials = try page(.get, location, cookie: cookie)
        #expect(credentials.bodyText.contains(integration.clientId) && credentials.bodyText.contains(integration.clientSecret))
        let list = try page(.get, "/admin/settings/ecosystem/mcp", cookie: cookie)
        #expect(list.bodyText.contains(integration.clientId) && !list.bodyText.contains(integration.clientSecret))

        let edit = try page(.post, "/admin/settings/ecosystem/mcp/\(integration.id)/edit", cookie: cookie, form: [
            ("csrf", session.csrfToken), ("name", "Claude"), ("redirectURIs", "https://claude.ai/api/mcp/auth_callback"),
            ("scopes", "mcp:ai-ask:read"), ("save", "1"),
        ])
        #expect(edit.status == .seeOther && harness.store.get(id: integration.id)?.redirectURIs == ["https://claude.ai/api/mcp/auth_callback"])
        let tampered = try page(.post, "/admin/settings/ecosystem/mcp/\(integration.id)/edit", cookie: cookie, form: [
            ("csrf", session.csrfToken), ("name", "Claude"), ("authorizationContext", "PERSONAL"),
            ("redirectURIs", "https://claude.ai/api/mcp/auth_callback"), ("scopes", "mcp:ai-ask:read"),
        ])
        #expect(tampered.status == .badRequest && tampered.bodyText.contains("authorizationContext: This setting can&#39;t be changed"))
        #expect(harness.store.get(id: integration.id)?.authorizationContext == .shared)

        let rotate = try page(.post, "/admin/settings/ecosystem/mcp/\(integration.id)/rotate-secret", cookie: cookie, form: [("csrf", session.csrfToken)])
        #expect(rotate.status == .seeOther && harness.store.get(id: integration.id)?.clientSecret != integration.clientSecret)
        let confirm = try page(.get, "/admin/settings/ecosystem/mcp/\(integration.id)/delete", cookie: cookie)
        #expect(confirm.status == .ok && confirm.bodyText.contains("stop working"))
        let delete = try page(.post, "/admin/settings/ecosystem/mcp/\(integration.id)/delete", cookie: cookie, form: [("csrf", session.csrfToken)])
        #expect(delete.status == .seeOther && harness.store.list().isEmpty && harness.deleted.ids.withLock { $0 } == [integration.id])
    }

    @Test func validationErrorsReRenderWithEscapedValues() throws {
        let (cookie, session) = try login()
        let response = try page(.post, "/admin/settings/ecosystem/mcp", cookie: cookie, form: [
            ("csrf", session.csrfToken), ("name", "<script>alert(1)</script>"), ("redirectURIs", "http://evil.example/\"><b>x"),
            ("scopes", "mcp:ai-ask:read"), ("save", "1"),
        ])
        #expect(response.status == .badRequest)
        let html = response.bodyText
        #expect(!html.contains("<script>alert(1)</script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("\"><b>x") && html.contains("https-or-loopback"))
        #expect(harness.store.list().isEmpty)
    }

    @Test func presetButtonsFillTheFormWithoutSaving() throws {
        let (cookie, session) = try login()
        let response = try page(.post, "/admin/settings/ecosystem/mcp", cookie: cookie, form: [
            ("csrf", session.csrfToken), ("name", "Claude"), ("redirectURIs", "https://claude.ai/api/mcp/auth_callback"), ("preset", "claude"),
        ])
        #expect(response.status == .ok && harness.store.list().isEmpty)
        #expect(response.bodyText.contains("https://claude.ai/api/mcp/auth_callback\nhttps://claude.com/api/mcp/auth_callback</textarea>"))
        let chatGPT = try page(.post, "/admin/settings/ecosystem/mcp", cookie: cookie, form: [("csrf", session.csrfToken), ("name", "C"), ("preset", "chatgpt")])
        #expect(chatGPT.bodyText.contains("id=\"chatGPTDynamicRedirect\" checked"))
    }

    @Test func usersAndCreditsPages() throws {
        let (cookie, session) = try login()
        let users = try page(.get, "/admin/users", cookie: cookie)
        #expect(users.status == .ok && users.bodyText.contains("Collaborator") && users.bodyText.contains("Deactivated"))
        let credits = try page(.get, "/admin/settings/credits", cookie: cookie)
        #expect(credits.bodyText.contains("The number of credits remaining") && credits.bodyText.contains("Claude, &quot;prod&quot;"))
        let set = try page(.post, "/admin/settings/credits", cookie: cookie, form: [("csrf", session.csrfToken), ("balance", "123.5")])
        #expect(set.status == .seeOther && harness.credits.creditBalance == 123.5)
        let bad = try page(.post, "/admin/settings/credits", cookie: cookie, form: [("csrf", session.csrfToken), ("balance", "lots")])
        #expect(bad.status == .badRequest && harness.credits.creditBalance == 123.5)
        let csv = try page(.get, "/admin/settings/credits/usage.csv", cookie: cookie)
        #expect(csv.headers["Content-Type"] == "text/csv; charset=utf-8" && csv.bodyText.hasPrefix("Usage time,"))
    }

    @Test func unknownAdminPathsGetTheAdminNotFoundPageAndAliasesRedirect() throws {
        let (cookie, _) = try login()
        let alias = try page(.get, "/admin/credits", cookie: cookie)
        #expect(alias.status == .found && alias.headers["Location"] == "/admin/settings/credits")
        for visitor in [cookie, nil] {
            let missing = try page(.get, "/admin/no-such-page/<b>", cookie: visitor)
            #expect(missing.status == .notFound && missing.headers["Content-Type"]?.hasPrefix("text/html") == true)
            let html = missing.bodyText
            #expect(html.contains("<h1>Page not found</h1>") && html.contains("<nav class=\"side\"") && html.contains("href=\"/admin\">Back to the admin center"))
            #expect(html.contains("/admin/no-such-page/&lt;b&gt;") && !html.contains("<b>"))
            #expect(html.contains("Sign out") == (visitor != nil))
        }
        #expect(try page(.post, "/admin/no-such-page", cookie: nil).status == .notFound)
        let api = try page(.get, "/admin/api/no-such-route", cookie: nil)
        #expect(api.status == .notFound && api.bodyText.contains("\"error\":\"not_found\""))
        let elsewhere = try page(.get, "/no-such-page", cookie: nil)
        #expect(elsewhere.status == .notFound && elsewhere.bodyText.hasPrefix("Not Found: no route for /no-such-page"))
    }

    @Test func pagesShareTheServersStylesheetAndHeaders() throws {
        let (cookie, _) = try login()
        let home = try page(.get, "/admin", cookie: cookie)
        #expect(home.bodyText.contains(HTMLStylesheet.css))
        #expect(home.headers["Content-Security-Policy"]?.contains("default-src 'none'") == true && home.headers["X-Frame-Options"] == "DENY")
    }

    @Test func logoutEndsTheSession() throws {
        let (cookie, session) = try login()
        let out = try page(.post, "/admin/logout", cookie: cookie, form: [("csrf", session.csrfToken)])
        #expect(out.status == .seeOther && out.headers["Set-Cookie"]?.contains("Max-Age=0") == true)
        #expect(try page(.get, "/admin", cookie: cookie).status == .unauthorized)
    }

    @Test func htmlEscapeCoversAttributeAndElementContexts() {
        #expect(HTML.escape(#"<a href="x" onclick='y'>&</a>"#) == "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
    }

    @Test func loginURLCarriesTheToken() {
        #expect(harness.auth.loginURL(baseURL: "http://127.0.0.1:7777/") == "http://127.0.0.1:7777/admin/login?token=test-login-token-0123456789")
    }
}

/// Gong moved MCP integrations to Admin center → Settings → Ecosystem → MCP → "MCP servers"
/// (help.gong.io, 2026-10-15); the old address keeps answering, with a redirect.
@Suite struct AdminEcosystemPathTests {
    @Test(arguments: [
        ("/admin/settings/api/integrations", "/admin/settings/ecosystem/mcp"),
        ("/admin/settings/api/integrations/new/mcp", "/admin/settings/ecosystem/mcp/new/mcp"),
        ("/admin/settings/api/integrations/abc/edit?notice=x", "/admin/settings/ecosystem/mcp/abc/edit?notice=x"),
    ])
    func oldPathAnswers301ToTheNewOne(_ old: String, _ new: String) throws {
        let harness = try GongMockHarness()
        let response = harness.send(.get, old)
        #expect(response.status.code == 301)
        #expect(response.headers["Location"] == new)
        #expect(harness.send(.post, old).status.code == 308, "a form posted to the old address keeps its method")
    }

    @Test func presetsListEachClientWithItsSource() throws {
        let harness = try GongMockHarness()
        let response = harness.send(.get, "/admin/api/client-presets", headers: ["Authorization": "Bearer test-admin-token"])
        let presets = GongMockHarness.json(response).arrayValue ?? []
        let names = presets.compactMap { $0["name"]?.stringValue }
        for name in ["Claude", "ChatGPT", "Microsoft 365 Copilot", "Copilot Studio", "Salesforce Agentforce"] {
            #expect(names.contains(name), "\(name)")
        }
        #expect(presets.allSatisfy { ($0["source"]?.stringValue ?? "").isEmpty == false })
        let salesforce = presets.first { $0["id"] == "salesforce-agentforce" }
        #expect(salesforce?["redirectURIs"] == ["https://login.salesforce.com/services/extidp/callback"])
        #expect(salesforce?["source"]?.stringValue?.contains("connect-salesforce-agentforce-to-the-gong-mcp-server") == true)
    }
}
