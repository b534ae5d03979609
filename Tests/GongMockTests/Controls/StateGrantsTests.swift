import Essentials
import HTTPServer
import Testing
@testable import GongMock

/// `/_mock/state` carries OAuth grants (refresh-token hashes), DCR-registered clients and the
/// credit-exhaustion mode, so a saved state put back later keeps a client's tokens working.
@Suite struct StateGrantsTests {
    typealias H = GongMockHarness

    @Test func aRefreshTokenKeepsWorkingAcrossGetResetPut() throws {
        let harness = try H()
        let (code, verifier) = harness.code()
        let tokens = H.json(harness.redeem(code, verifier: verifier))
        let refreshToken = try #require(tokens["refresh_token"]?.stringValue)
        let claude = try #require(harness.app.integrations.list().first { $0.name == "Claude" })
        let registered = try harness.app.integrations.registerClient(RegisteredClientDraft(
            integrationId: claude.id, authMethod: .clientSecretPost, redirectURIs: ["https://claude.ai/api/mcp/auth_callback"], name: "Claude DCR"))
        harness.app.ledger.exhaustionMode = .http402

        let saved = H.json(harness.control(.get, "/_mock/state"))
        let text = JSONSerializer.string(saved)
        #expect(!text.contains(refreshToken), "the state shows refresh tokens by hash only")
        let grant = try #require(saved["oauthGrants"]?.arrayValue?.first)
        #expect(grant["clientId"]?.stringValue == H.ciClientID)
        #expect(grant["refreshTokens"]?.arrayValue?.first?["hash"]?.stringValue?.utf8.count == 43)
        #expect(saved["registeredClients"]?.arrayValue?.first?["clientId"]?.stringValue == registered.clientId)
        #expect(saved["creditsExhausted"] == "http-402")

        #expect(harness.control(.post, "/_mock/reset").status == .ok)
        #expect(harness.refresh(refreshToken).status == .badRequest)
        #expect(harness.app.integrations.registeredClient(clientId: registered.clientId) == nil)
        #expect(harness.app.ledger.exhaustionMode == .toolError)
        #expect(harness.control(.put, "/_mock/state", ["credits": ["balance": 7, "total": 7]]).status == .ok)

        let put = harness.control(.put, "/_mock/state", saved)
        #expect(put.status == .ok, "\(H.bodyText(put))")
        let refreshed = harness.refresh(refreshToken)
        #expect(refreshed.status == .ok, "\(H.bodyText(refreshed))")
        let access = try #require(H.json(refreshed)["access_token"]?.stringValue)
        #expect(harness.mcp(access, method: "tools/list").status == .ok)
        #expect(harness.app.integrations.registeredClient(clientId: registered.clientId) == registered.withCreatedAtInWholeSeconds)
        #expect(harness.app.ledger.exhaustionMode == .http402)
        // Rotation still detects reuse: the token just rotated is refused now.
        #expect(harness.refresh(refreshToken).status == .badRequest)
    }

    @Test func mistakesNameTheirPathAndChangeNothing() throws {
        let harness = try H()
        let before = harness.app.oauth.exportedGrants()
        let cases: [(JSONValue, String)] = [
            (["creditsExhausted": "http-500"], "creditsExhausted: expected one of \"tool-error\""),
            (["oauthGrants": [["id": "g", "clientId": .string(H.ciClientID), "subjectId": "1", "scopes": [], "createdAt": "2026-01-01T00:00:00Z",
                               "refreshTokens": [["hash": "a-raw-refresh-token", "issuedAt": "2026-01-01T00:00:00Z"]]]]],
             "oauthGrants[0].refreshTokens[0].hash: expected the token's SHA-256 digest"),
            (["oauthGrants": [["id": "g", "clientId": "nobody", "subjectId": "1", "scopes": [], "createdAt": "2026-01-01T00:00:00Z"]]],
             "oauthGrants[0].clientId: \"nobody\" is neither"),
            (["registeredClients": [["clientId": "c", "authMethod": "none", "redirectURIs": ["https://evil.example/cb"], "integrationId": "x"]]],
             "registeredClients[0].integrationId: no integration"),
            (["registeredClients": [["clientId": "c", "authMethod": "client_secret_post", "redirectURIs": ["https://x.example/cb"], "integrationId": "x"]]],
             "registeredClients[0].clientSecret: required"),
        ]
        for (body, expected) in cases {
            let refused = harness.control(.put, "/_mock/state", body)
            #expect(refused.status == .badRequest)
            let message = H.json(refused)["message"]?.stringValue ?? ""
            #expect(message.hasPrefix(expected), "\(message)")
        }
        let claude = try #require(harness.app.integrations.list().first { $0.name == "Claude" })
        let badURI: JSONValue = ["creditsExhausted": "http-429",
                                 "registeredClients": [["clientId": "c", "authMethod": "none", "redirectURIs": ["https://evil.example/cb"],
                                                        "integrationId": .string(claude.id)]]]
        let refused = harness.control(.put, "/_mock/state", badURI)
        #expect(H.json(refused)["message"]?.stringValue?.hasPrefix("registeredClients[0].redirectURIs[0]: ") == true)
        #expect(harness.app.ledger.exhaustionMode == .toolError, "never half-applied")
        #expect(harness.app.oauth.exportedGrants() == before)
    }

    @Test func aSeedCanCarryTheExhaustionMode() throws {
        let seed = H.defaultSeed.replacingOccurrences(of: #"{"adminToken""#, with: #"{"creditsExhausted": "jsonrpc-error", "adminToken""#)
        let harness = try H(seedJSON: seed)
        #expect(harness.app.ledger.exhaustionMode == .jsonRPCError)
    }
}

extension RegisteredClient {
    /// The state document keeps times to the second.
    var withCreatedAtInWholeSeconds: RegisteredClient {
        RegisteredClient(clientId: clientId, clientSecret: clientSecret, authMethod: authMethod, redirectURIs: redirectURIs, name: name,
                         integrationId: integrationId, createdAt: createdAt.rounded(.down))
    }
}

extension StateGrantsTests {
    @Test func aDuplicateGrantIdNamesTheFirst() throws {
        let grant: JSONValue = ["id": "g", "clientId": .string(H.ciClientID), "subjectId": "1", "scopes": [], "createdAt": "2026-01-01T00:00:00Z"]
        #expect(throws: SeedError.self) { try SeedFile.parse(Array(JSONSerializer.string(["oauthGrants": [grant, grant]]).utf8)) }
        do {
            _ = try SeedFile.parse(Array(JSONSerializer.string(["oauthGrants": [grant, grant]]).utf8))
        } catch {
            #expect(error.description.hasSuffix("oauthGrants[1].id: \"g\" is already used by oauthGrants[0]"))
        }
    }
}
