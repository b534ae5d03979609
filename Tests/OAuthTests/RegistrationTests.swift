import Essentials
import HTTPServer
import Testing
@testable import OAuth

@Suite struct RegistrationTests {
    static func body(_ method: String?, redirects: [String] = ["https://auto.example.com/callback"]) -> JSONValue {
        var object = JSONObject()
        object["client_name"] = "Claude"
        object["redirect_uris"] = .array(redirects.map { .string($0) })
        object["grant_types"] = ["authorization_code", "refresh_token"]
        object["response_types"] = ["code"]
        if let method { object["token_endpoint_auth_method"] = .string(method) }
        object["scope"] = "claudeai"
        return .object(object)
    }

    @Test func confidentialRegistrationEchoesMetadataAndIssuesASecret() throws {
        let harness = try Harness()
        let response = try harness.postJSON("/oauth2/register", Self.body("client_secret_post"))
        #expect(response.status == .created)
        #expect(response.headers["Cache-Control"] == "no-store")
        let body = try Harness.json(response)
        #expect(body["client_id"]?.stringValue?.hasPrefix("dcr_") == true)
        #expect(body["client_secret"]?.stringValue?.isEmpty == false)
        #expect(body["client_secret_expires_at"] == 0)
        #expect(body["client_id_issued_at"] == .number(Double(harness.clock.nowSeconds())))
        #expect(body["token_endpoint_auth_method"] == "client_secret_post")
        #expect(body["redirect_uris"] == ["https://auto.example.com/callback"])
        #expect(body["client_name"] == "Claude")
        #expect(body["scope"] == "mcp:ai-ask:read mcp:ai-briefer:read", "the scopes the policy granted")
        let clientID = try #require(body["client_id"]?.stringValue)
        #expect(harness.policy.client(id: clientID) != nil)
    }

    @Test func defaultMethodIsClientSecretBasic() throws {
        let harness = try Harness()
        let body = try Harness.json(try harness.postJSON("/oauth2/register", Self.body(nil)))
        #expect(body["token_endpoint_auth_method"] == "client_secret_basic")
        #expect(body["client_secret"] != nil)
    }

    @Test func publicRegistrationGetsNoSecretAndCompletesTheFlow() throws {
        let harness = try Harness { configuration in
            configuration.noneAuthMethod = true
            configuration.autoApproveSubject = "u-bob"
        }
        let body = try Harness.json(try harness.postJSON("/oauth2/register", Self.body("none", redirects: ["http://localhost/cb"])))
        #expect(body["token_endpoint_auth_method"] == "none")
        #expect(body["client_secret"] == nil)
        #expect(body["client_secret_expires_at"] == nil)
        let clientID = try #require(body["client_id"]?.stringValue)
        let code = try harness.code(query: Harness.authorizeQuery(["redirect_uri": "http://localhost:8123/cb", "scope": nil], clientID: clientID))
        let response = try harness.post(TokenTests.path, form: TokenTests.codeForm(code, ["redirect_uri": "http://localhost:8123/cb"]) + [("client_id", clientID)])
        #expect(response.status == .ok)
    }

    struct RefusalCase: Sendable, CustomStringConvertible {
        let name: String
        let body: JSONValue
        let error: String
        let fragment: String
        var description: String { name }
    }

    static let refusals: [RefusalCase] = [
        RefusalCase(name: "no redirect_uris", body: ["client_name": "x"], error: "invalid_redirect_uri", fragment: "redirect_uris is required"),
        RefusalCase(name: "empty redirect_uris", body: ["redirect_uris": []], error: "invalid_redirect_uri", fragment: "non-empty"),
        RefusalCase(name: "http non-loopback", body: ["redirect_uris": ["http://auto.example.com/callback"]], error: "invalid_redirect_uri", fragment: "non-loopback"),
        RefusalCase(name: "fragment", body: ["redirect_uris": ["https://auto.example.com/callback#f"]], error: "invalid_redirect_uri", fragment: "fragment"),
        RefusalCase(name: "not approved by policy", body: ["redirect_uris": ["https://elsewhere.example.com/cb"]], error: "invalid_redirect_uri", fragment: "AUTOMATIC integration"),
        RefusalCase(name: "none while disabled", body: ["redirect_uris": ["https://auto.example.com/callback"], "token_endpoint_auth_method": "none"],
                    error: "invalid_client_metadata", fragment: "'none' is refused. This server does not accept public clients"),
        RefusalCase(name: "implicit grant", body: ["redirect_uris": ["https://auto.example.com/callback"], "grant_types": ["implicit"]],
                    error: "invalid_client_metadata", fragment: "implicit"),
        RefusalCase(name: "inconsistent types", body: ["redirect_uris": ["https://auto.example.com/callback"], "grant_types": ["refresh_token"]],
                    error: "invalid_client_metadata", fragment: "go together"),
        RefusalCase(name: "not an object", body: ["a"], error: "invalid_client_metadata", fragment: "JSON object"),
        RefusalCase(name: "name not a string", body: ["redirect_uris": ["https://auto.example.com/callback"], "client_name": 4], error: "invalid_client_metadata", fragment: "client_name"),
    ]

    @Test(arguments: refusals)
    func registrationRefusals(_ testCase: RefusalCase) throws {
        let harness = try Harness()
        let response = try harness.postJSON("/oauth2/register", testCase.body)
        #expect(response.status == .badRequest)
        let body = try Harness.json(response)
        #expect(body["error"] == .string(testCase.error))
        #expect(body["error_description"]?.stringValue?.contains(testCase.fragment) == true, "\(body)")
    }

    @Test func registrationIs404WhenUnavailable() throws {
        let harness = try Harness()
        harness.policy.contents.withLock { $0.automaticRedirects = [] }
        let response = try harness.postJSON("/oauth2/register", Self.body("client_secret_post"))
        #expect(response.status == .notFound)
        let off = try Harness { $0.advertiseRegistration = false }
        #expect(try off.postJSON("/oauth2/register", Self.body("client_secret_post")).status == .notFound)
    }
}
