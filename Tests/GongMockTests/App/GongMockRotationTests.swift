import Essentials
import HTTPServer
import Testing
@testable import GongMock

/// Rotating an integration's client secret: as Gong, the old secret stops at once and issued
/// tokens live until they expire; `--rotation-revokes-tokens` revokes the integration's grants too.
@Suite struct GongMockRotationTests {
    typealias H = GongMockHarness
    static let admin: HTTPHeaders = ["Authorization": "Bearer test-admin-token"]

    func rotate(_ harness: H) throws -> String {
        let integration = try #require(harness.app.integrations.list().first { $0.clientId == H.ciClientID })
        let response = harness.send(.post, "/admin/api/integrations/\(integration.id)/rotate-secret", headers: Self.admin)
        #expect(response.status == .ok)
        return try #require(H.json(response)["clientSecret"]?.stringValue)
    }

    func refresh(_ harness: H, _ token: String, secret: String) -> HTTPResponse {
        let form = URLEncodedForm.encode([("grant_type", "refresh_token"), ("refresh_token", token),
                                          ("client_id", H.ciClientID), ("client_secret", secret)])
        return harness.send(.post, "/oauth2/generate-mcp-token", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array(form.utf8))
    }

    func askStatus(_ harness: H, _ access: String) -> Bool {
        let (response, body) = harness.callTool(access, "ask_account", ["accountId": .string(H.altamira), "question": "pricing?",
                                                                        "timePeriod": "ALL_CONVERSATIONS"])
        return response.status == .ok && body["result"]?["isError"] != .bool(true)
    }

    @Test func asGongTheOldSecretStopsAndIssuedTokensLive() throws {
        let harness = try H()
        let tokens = harness.token(clientID: H.ciClientID, secret: H.ciSecret, user: H.maya)
        let access = try #require(tokens["access_token"]?.stringValue)
        let refreshToken = try #require(tokens["refresh_token"]?.stringValue)
        let newSecret = try rotate(harness)
        #expect(askStatus(harness, access))
        #expect(refresh(harness, refreshToken, secret: H.ciSecret).status == .unauthorized)
        #expect(refresh(harness, refreshToken, secret: newSecret).status == .ok)
    }

    @Test func withTheSwitchRotationRevokesTheIntegrationsTokens() throws {
        var options = GongMockOptions()
        options.rotationRevokesTokens = true
        let harness = try H(options: options)
        let tokens = harness.token(clientID: H.ciClientID, secret: H.ciSecret, user: H.maya)
        let access = try #require(tokens["access_token"]?.stringValue)
        let refreshToken = try #require(tokens["refresh_token"]?.stringValue)
        let other = harness.token(clientID: H.personalClientID, secret: H.personalSecret, user: H.maya)
        let newSecret = try rotate(harness)
        #expect(!askStatus(harness, access))
        #expect(refresh(harness, refreshToken, secret: newSecret).status == .badRequest)
        // Another integration's tokens are untouched.
        #expect(askStatus(harness, try #require(other["access_token"]?.stringValue)))
    }
}
