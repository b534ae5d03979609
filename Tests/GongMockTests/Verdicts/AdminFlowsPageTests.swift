import Essentials
import HTTPServer
import Testing
@testable import GongMock

/// `/admin/flows`: the clients, their verdicts (failures first), the token claims and the
/// timelines, behind the admin session, with no secret in the HTML or the downloads.
@Suite struct AdminFlowsPageTests {
    typealias H = GongMockHarness

    static func signIn(_ harness: H) -> HTTPHeaders {
        let token = harness.app.adminAuth.issueLoginToken()
        let login = harness.send(.get, "/admin/login?token=" + token)
        let cookie = login.headers["Set-Cookie"]?.split(separator: ";").first.map(String.init) ?? ""
        return ["Cookie": cookie]
    }

    @Test func showsVerdictsFailuresFirstWithoutSecrets() throws {
        let harness = try H()
        let client = VerdictClient(harness)
        client.discover()
        client.state = false
        #expect(client.authorize())
        client.initialize()
        client.callTool()
        let first = client.refreshToken
        #expect(client.refresh())
        #expect(!client.refresh(with: first))
        let cookie = Self.signIn(harness)
        #expect(harness.send(.get, "/admin/flows").status.code == 401)
        let page = harness.send(.get, "/admin/flows", headers: cookie)
        #expect(page.status.code == 200)
        let html = H.bodyText(page)
        #expect(html.contains("CI pipeline"))
        #expect(html.contains(H.ciClientID))
        #expect(html.contains("Latest access token&#39;s claims") || html.contains("Latest access token's claims"))
        #expect(html.contains("gong_integration_name"))
        #expect(html.contains("href=\"/admin/flows/har?flow=flow-1\""))
        // Failures come before passes.
        let failState = try #require(html.firstRange(of: "verdict-fail"))
        let firstPass = try #require(html.firstRange(of: "verdict-pass"))
        #expect(failState.lowerBound < firstPass.lowerBound)
        #expect(html.contains("<code>refresh-token-reuse</code>"))
        for secret in [client.accessToken, client.refreshToken, first, H.ciSecret, client.verifier] {
            #expect(!html.contains(secret), "secret \(secret.prefix(6))… on the page")
        }
        let har = H.bodyText(harness.send(.get, "/admin/flows/har?flow=flow-1", headers: cookie))
        #expect(har.contains("\"version\":\"1.2\""))
        for secret in [client.accessToken, client.refreshToken, first, H.ciSecret, client.verifier] { #expect(!har.contains(secret)) }
        #expect(harness.send(.get, "/admin/flows/har").status.code == 401)
    }
}
