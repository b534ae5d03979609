import Essentials
import Foundation
import HTTPServer
import OAuth
import Testing
@testable import GongMock

/// What real clients meet at the OAuth edges (issue #20): scope overlap, 401s with their
/// challenge, a query-string token, guessed root paths and plain-worded registration refusals.
@Suite struct OAuthEdgesTests {
    typealias H = GongMockHarness

    static func harness(scopePolicy: ScopePolicy = .overlap, seedJSON: String? = nil) throws -> H {
        var options = GongMockOptions()
        options.scopePolicy = scopePolicy
        options.revocation = true
        options.introspection = true
        return try H(options: options, seedJSON: seedJSON)
    }

    static let everyScope = MCPScope.allCases.map(\.rawValue).joined(separator: " ")

    // MARK: Scopes (RFC 6749 §3.3)

    @Test func askingForEveryScopeGetsTheOverlapAndItsTools() throws {
        let harness = try Self.harness()
        let tokens = harness.token(clientID: H.askOnlyClientID, secret: H.askOnlySecret, user: H.maya, scope: Self.everyScope)
        #expect(tokens["scope"] == "mcp:ai-ask:read")
        let token = try #require(tokens["access_token"]?.stringValue)
        let (asked, _) = harness.callTool(token, "ask_account", ["accountId": .string(H.altamira), "question": "next steps?", "timePeriod": "ALL_CONVERSATIONS"])
        #expect(asked.status == .ok)
        let (brief, _) = harness.callTool(token, "generate_brief", ["briefName": "Account overview", "entityType": "ACCOUNT",
                                                                   "entityId": .string(H.altamira), "timePeriod": "LAST_YEAR"])
        #expect(brief.status == .forbidden)
        #expect(brief.headers["WWW-Authenticate"]?.contains(#"error="insufficient_scope""#) == true)
    }

    @Test func strictScopePolicyRefusesAsBefore() throws {
        let harness = try Self.harness(scopePolicy: .strict)
        let parameters = harness.authorize(clientID: H.askOnlyClientID, user: H.maya, scope: Self.everyScope)
        #expect(parameters["error"] == "invalid_scope")
        #expect(parameters["code"] == nil)
    }

    @Test(arguments: ScopePolicy.allCases)
    func registrationBeyondTheIntegrationsScopes(_ policy: ScopePolicy) throws {
        let harness = try Self.harness(scopePolicy: policy)
        let body: JSONValue = ["redirect_uris": ["https://claude.ai/api/mcp/auth_callback"], "scope": .string(Self.everyScope)]
        let response = harness.send(.post, "/oauth2/register", headers: ["Content-Type": "application/json"], body: JSONSerializer.bytes(body))
        if policy == .overlap {
            #expect(response.status == .created)
            #expect(H.json(response)["scope"]?.stringValue == Self.everyScope, "the Claude integration has every scope")
        } else {
            #expect(response.status == .created, "the Claude integration grants every scope, so strict has nothing to refuse")
        }
    }

    // MARK: 401s carry a challenge (RFC 9110 §15.5.2)

    @Test func everyRouteThatAnswers401CarriesAChallenge() throws {
        let harness = try Self.harness()
        var unauthorized: Set<String> = []
        // The route table of the very router the application serves (requests go through the whole stack).
        for route in harness.app.makeRouter().routeTable {
            let path = route.pattern.split(separator: "/").map { $0.hasPrefix("{") || $0 == "*" ? "x" : String($0) }.joined(separator: "/")
            let target = "/" + path
            // No credentials, with each body shape the surface takes (JSON for the APIs, a form for OAuth).
            for (contentType, body) in [("application/json", "{}"), ("application/x-www-form-urlencoded", "token=x&grant_type=refresh_token")] {
                let response = harness.send(route.method, target, headers: ["Content-Type": contentType], body: route.method == .get ? [] : Array(body.utf8))
                guard response.status == .unauthorized else { continue }
                unauthorized.insert("\(route.method.rawValue) \(route.pattern)")
                #expect(response.headers["WWW-Authenticate"]?.isEmpty == false, "\(route.method.rawValue) \(target) answered 401 without WWW-Authenticate")
            }
        }
        for expected in ["POST /mcp", "GET /mcp", "DELETE /mcp", "GET /.well-known/openid-configuration", "GET /admin/api/integrations",
                         "POST /oauth2/generate-mcp-token", "POST /oauth2/revoke", "POST /oauth2/introspect", "GET /admin"] {
            #expect(unauthorized.contains(expected), "\(expected) should have answered 401 without credentials; 401s: \(unauthorized.sorted())")
        }
    }

    /// 401s that need a wrong credential rather than none.
    @Test(arguments: [
        ("POST", "/mcp", ["Authorization": "Bearer not-a-token"], ""),
        ("POST", "/oauth2/generate-mcp-token", ["Content-Type": "application/x-www-form-urlencoded"],
         "grant_type=refresh_token&refresh_token=x&client_id=\(H.ciClientID)&client_secret=wrong"),
        ("POST", "/oauth2/generate-mcp-token", ["Content-Type": "application/x-www-form-urlencoded"], "grant_type=refresh_token&refresh_token=x"),
        ("POST", "/oauth2/generate-mcp-token", ["Content-Type": "application/x-www-form-urlencoded"],
         "grant_type=refresh_token&refresh_token=x&client_id=\(H.ciClientID)"),
        ("POST", "/oauth2/revoke", ["Content-Type": "application/x-www-form-urlencoded", "Authorization": "Basic Z2hvc3Q6eA=="], "token=x"),
        ("GET", "/admin/api/integrations", ["Authorization": "Bearer wrong"], ""),
    ])
    func wrongCredentialsGet401WithAChallenge(method: String, path: String, headers: [String: String], body: String) throws {
        let harness = try Self.harness()
        var fields = HTTPHeaders()
        for (name, value) in headers { fields.add(name, value) }
        let response = harness.send(HTTPMethod(method), path, headers: fields, body: Array(body.utf8))
        #expect(response.status == .unauthorized, "\(H.bodyText(response))")
        #expect(response.headers["WWW-Authenticate"]?.isEmpty == false)
    }

    // MARK: Guessed paths and plain words

    static let manualOnlySeed = """
        {"adminToken": "test-admin-token-manual", "integrations": [
          {"name": "CI test client", "clientId": "ci-client-manual", "clientSecret": "ci-secret-manual-0123456789", "redirectURIs": ["http://127.0.0.1/callback"]}]}
        """

    @Test(arguments: ["/authorize", "/token"])
    func guessedRootPathsNameTheRealEndpoint(_ path: String) throws {
        let harness = try Self.harness()
        for method in [HTTPMethod.get, .post] {
            let response = harness.send(method, path)
            #expect(response.status == .notFound)
            let description = H.json(response)["error_description"]?.stringValue ?? ""
            let real = path == "/token" ? "/oauth2/generate-mcp-token" : "/oauth2/authorize"
            #expect(description.contains(H.base + real), "\(description)")
            #expect(description.contains("/.well-known/oauth-authorization-server"))
        }
    }

    @Test func guessedRegisterNamesTheRegistrationEndpointWhenThereIsOne() throws {
        let harness = try Self.harness()
        let description = H.json(harness.send(.post, "/register"))["error_description"]?.stringValue ?? ""
        #expect(description.contains(H.base + "/oauth2/register"), "\(description)")
    }

    @Test func guessedRegisterExplainsAManualIntegration() throws {
        let harness = try Self.harness(seedJSON: Self.manualOnlySeed)
        for path in ["/register", "/oauth2/register"] {
            let response = harness.send(.post, path, headers: ["Content-Type": "application/json"], body: Array(#"{"redirect_uris":["http://127.0.0.1/callback"]}"#.utf8))
            #expect(response.status == .notFound)
            let text = H.bodyText(response)
            #expect(text.contains("MANUAL ('CI test client')"), "\(path): \(text)")
            #expect(text.contains("client ID and client secret"))
            #expect(text.contains("Admin center → Settings → Ecosystem → MCP"))
            #expect(text.contains("AUTOMATIC"))
            #expect(!text.contains("policy"), "no jargon: \(text)")
        }
        #expect(harness.send(.get, "/.well-known/openid-configuration").status == .unauthorized, "unchanged: Gong answers 401 there")
    }

    @Test func refusedPublicClientNamesTheSwitch() throws {
        let harness = try Self.harness()
        let body = #"{"redirect_uris":["https://claude.ai/api/mcp/auth_callback"],"token_endpoint_auth_method":"none"}"#
        let response = harness.send(.post, "/oauth2/register", headers: ["Content-Type": "application/json"], body: Array(body.utf8))
        #expect(response.status == .badRequest)
        let json = H.json(response)
        #expect(json["error"] == "invalid_client_metadata")
        #expect(json["error_description"]?.stringValue?.contains("--public-clients") == true)
    }
}
