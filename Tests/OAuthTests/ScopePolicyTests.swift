import Essentials
import HTTPServer
import Testing
@testable import OAuth

/// RFC 6749 §3.3: a request for more scopes than the client may have gets the overlap (default)
/// or `invalid_scope` (`ScopePolicy.strict`), at authorization and at refresh.
@Suite struct ScopePolicyTests {
    static let narrowClient = "narrow-1"

    static func harness(_ policy: ScopePolicy) throws -> Harness {
        let harness = try Harness {
            $0.autoApproveSubject = "u-ada"
            $0.scopePolicy = policy
        }
        harness.policy.add(FakePolicy.manualClient(id: narrowClient, secret: "s3cret", redirects: [Harness.redirect],
                                                   scopes: ["mcp:ai-ask:read", "mcp:ai-briefer:read"]))
        return harness
    }

    static let everyScope = FakePolicy.allScopes.joined(separator: " ")

    @Test func overlapIsGrantedAndNamedInTheTokenResponse() throws {
        let harness = try Self.harness(.overlap)
        let code = try harness.code(query: Harness.authorizeQuery(["scope": Self.everyScope], clientID: Self.narrowClient))
        let tokens = try harness.tokens(code: code, clientID: Self.narrowClient)
        #expect(tokens["scope"] == "mcp:ai-ask:read mcp:ai-briefer:read")
        let narrowed = try #require(harness.recordedEvents.first { $0.rule == "authorize.scope.narrowed" })
        #expect(narrowed.explanation.contains("'mcp:ai-assistant:read' is not allowed"))
        #expect(narrowed.fields.contains { $0.0 == "requested_scope" && $0.1 == Self.everyScope })
    }

    @Test func strictRefusesAsBefore() throws {
        let harness = try Self.harness(.strict)
        let response = try harness.get("/oauth2/authorize", Harness.authorizeQuery(["scope": Self.everyScope], clientID: Self.narrowClient))
        let items = Harness.queryItems(try #require(response.headers["Location"]))
        #expect(items.first { $0.name == "error" }?.value == "invalid_scope")
        #expect(items.first { $0.name == "error_description" }?.value.contains("'mcp:ai-assistant:read'") == true)
    }

    @Test(arguments: ScopePolicy.allCases)
    func emptyOverlapIsInvalidScope(_ policy: ScopePolicy) throws {
        let harness = try Self.harness(policy)
        let response = try harness.get("/oauth2/authorize", Harness.authorizeQuery(["scope": "mcp:ai-assistant:read"], clientID: Self.narrowClient))
        let items = Harness.queryItems(try #require(response.headers["Location"]))
        #expect(items.first { $0.name == "error" }?.value == "invalid_scope")
    }

    @Test(arguments: [(ScopePolicy.overlap, "mcp:ai-ask:read"), (ScopePolicy.strict, nil)])
    func refreshBeyondTheGrant(_ policy: ScopePolicy, granted: String?) throws {
        let harness = try Self.harness(policy)
        let code = try harness.code(query: Harness.authorizeQuery(["scope": "mcp:ai-ask:read"], clientID: Self.narrowClient))
        let first = try harness.tokens(code: code, clientID: Self.narrowClient)
        let response = try harness.post("/oauth2/token", form: [
            ("grant_type", "refresh_token"), ("refresh_token", try #require(first["refresh_token"]?.stringValue)),
            ("scope", "mcp:ai-ask:read mcp:ai-briefer:read"),
        ], headers: Harness.basic(Self.narrowClient, "s3cret"))
        let body = try Harness.json(response)
        if let granted {
            #expect(body["scope"]?.stringValue == granted, "a refresh never widens, even when the client may have more")
        } else {
            #expect(body["error"] == "invalid_scope")
        }
    }
}
