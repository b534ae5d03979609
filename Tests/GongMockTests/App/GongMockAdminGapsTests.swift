import Essentials
import Foundation
import HTTPServer
import Testing
import OAuth
@testable import GongMock

/// Issue #16 item 7: the credentials page's MCP URL does not come from `Host`; admin sessions
/// survive a restart with `--state-dir`.
@Suite struct GongMockAdminGapsTests {
    typealias H = GongMockHarness

    /// Signs in with the banner's one-time link; returns the cookie pair.
    static func signIn(_ harness: H) throws -> String {
        let link = harness.app.adminLoginURL
        let start = try #require(link.range(of: "/admin/login")).lowerBound
        let path = String(link[start...])
        let response = harness.send(.get, path)
        #expect(response.status == .seeOther)
        return try #require(response.headers["Set-Cookie"]?.split(separator: ";").first.map(String.init))
    }

    @Test func credentialsPageShowsThePublicMCPURLWhateverTheHost() throws {
        var options = GongMockOptions()
        options.publicURL = "https://gong-mock.example.com/"
        options.loopbackHostCheck = false
        let harness = try H(options: options)
        let cookie = try Self.signIn(harness)
        let integration = try #require(harness.app.integrations.list().first)
        let page = harness.send(.get, "\(AdminPages.integrationsPath)/\(integration.id)/credentials",
                                headers: ["Cookie": cookie, "Host": "attacker.example:8443"])
        #expect(page.status == .ok)
        let html = H.bodyText(page)
        #expect(html.contains("https://gong-mock.example.com/mcp"))
        #expect(!html.contains("attacker.example"))
    }

    @Test func credentialsPageWithoutAPublicURLShowsTheBoundAddress() throws {
        let harness = try H()
        let cookie = try Self.signIn(harness)
        let integration = try #require(harness.app.integrations.list().first)
        let page = harness.send(.get, "\(AdminPages.integrationsPath)/\(integration.id)/credentials",
                                headers: ["Cookie": cookie, "Host": "localhost:7777"])
        #expect(H.bodyText(page).contains(H.base + "/mcp") && !H.bodyText(page).contains("localhost:7777/mcp"))
    }

    @Test func adminSessionsSurviveARestartWithAStateDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gong-mock-sessions-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cookie: String
        do {
            let first = try H(stateDirectory: directory)
            cookie = try Self.signIn(first)
            #expect(first.send(.get, "/admin", headers: ["Cookie": cookie]).status == .ok)
        }
        let second = try H(stateDirectory: directory)
        #expect(second.send(.get, "/admin", headers: ["Cookie": cookie]).status == .ok)
        // The file holds a hash of the session id, never the cookie's value.
        let value = try #require(cookie.split(separator: "=", maxSplits: 1).last.map(String.init))
        for suffix in ["", "-wal"] {
            let bytes = FileManager.default.contents(atPath: directory + "/" + StateDatabase.fileName + suffix) ?? Data()
            #expect(!String(decoding: bytes, as: UTF8.self).contains(value))
        }
        // Signing out ends the stored session too.
        let session = try #require(second.app.adminAuth.session(for: HTTPRequest(method: .get, target: "/", headers: ["Cookie": cookie])))
        let out = second.send(.post, "/admin/logout", headers: ["Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"],
                              body: Array(URLEncodedForm.encode([("csrf", session.csrfToken)]).utf8))
        #expect(out.status == .seeOther)
        let third = try H(stateDirectory: directory)
        #expect(third.send(.get, "/admin", headers: ["Cookie": cookie]).status != .ok)
    }
}

/// Gong's wire shape is a preset in GongMock; the generic layers default to neutral values.
@Suite struct GongPresetTests {
    @Test func thePresetCarriesGongsPathsAndDocuments() throws {
        var configuration = OAuthConfiguration(issuer: "http://127.0.0.1:7777", resource: "http://127.0.0.1:7777/mcp", scopesSupported: [])
        #expect(configuration.paths.token == "/oauth2/token" && configuration.unauthorizedWellKnownPaths.isEmpty)
        #expect(configuration.clientMetadataDocuments.urls.isEmpty)
        GongPreset.apply(to: &configuration)
        #expect(configuration.paths.token == "/oauth2/generate-mcp-token" && configuration.paths.tokenAliases == ["/oauth2/token"])
        #expect(configuration.unauthorizedWellKnownPaths == ["/.well-known/openid-configuration"])
        #expect(configuration.clientMetadataDocuments.urls == [GongClientMetadataDocuments.claudeCodeURL, GongClientMetadataDocuments.claudeURL,
                                                                GongClientMetadataDocuments.conformanceURL].sorted())
        let claude = try configuration.clientMetadataDocuments.resolve(GongClientMetadataDocuments.claudeURL).get()
        #expect(claude.redirectDecision("https://claude.ai/api/mcp/auth_callback") == .allowed)
    }

    @Test func theStartingSlotSpeaksForGongMockOnlyThroughThePreset() throws {
        let neutral = try ReplaceableResponder().respond(to: HTTPRequest(method: .get, target: "/"), context: RequestContext())
        #expect(neutral.status == .serviceUnavailable && !String(decoding: neutral.bodyBytes, as: UTF8.self).contains("gong"))
        let gong = try ReplaceableResponder(startingMessage: GongPreset.startingMessage)
            .respond(to: HTTPRequest(method: .get, target: "/"), context: RequestContext())
        #expect(String(decoding: gong.bodyBytes, as: UTF8.self).contains("gong-mock is still starting"))
    }
}

/// RFC 9700 §4.16 (clickjacking) and §4.2 (Referer leakage): the pages that take a decision
/// cannot be framed and leak nothing through Referer.
@Suite struct PageSecurityHeaderTests {
    typealias H = GongMockHarness

    @Test func adminAndConsentPagesRefuseFramingAndCaching() throws {
        let harness = try H()
        let cookie = try GongMockAdminGapsTests.signIn(harness)
        let admin = harness.send(.get, "/admin", headers: ["Cookie": cookie])
        #expect(admin.headers["X-Frame-Options"] == "DENY" && admin.headers["Referrer-Policy"] == "no-referrer")
        #expect(admin.headers["Content-Security-Policy"]?.contains("frame-ancestors 'none'") == true)
        #expect(admin.headers["Cache-Control"] == "no-store")
        let query = URLEncodedForm.encode([("response_type", "code"), ("client_id", H.ciClientID), ("redirect_uri", H.ciRedirect),
                                           ("code_challenge", String(repeating: "a", count: 43)), ("code_challenge_method", "S256"),
                                           ("state", "s")])
        let consent = harness.send(.get, "/oauth2/authorize?" + query)
        #expect(consent.status == .ok)
        #expect(consent.headers["X-Frame-Options"] == "DENY" && consent.headers["Cache-Control"] == "no-store")
    }
}
