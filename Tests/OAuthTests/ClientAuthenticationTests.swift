import CryptoPrimitives
import Essentials
import HTTPServer
import Testing
@testable import OAuth

@Suite struct ClientAuthenticationTests {
    enum Credentials: Sendable {
        case basic(String, String)
        case basicRaw(String)
        case post(String, String)
        case both(String, String)
        case none(String)
        case nothing
        case bearer
    }

    struct AuthCase: Sendable, CustomStringConvertible {
        let name: String
        let credentials: Credentials
        let status: Int
        let error: String?
        let basicChallenge: Bool
        var description: String { name }
    }

    static let cases: [AuthCase] = [
        AuthCase(name: "basic", credentials: .basic("manual-1", "s3cret"), status: 200, error: nil, basicChallenge: false),
        AuthCase(name: "post", credentials: .post("manual-1", "s3cret"), status: 200, error: nil, basicChallenge: false),
        AuthCase(name: "basic percent-encoded", credentials: .basic("weird%3Aid%2B1", "p%40ss%3Aw+rd"), status: 200, error: nil, basicChallenge: false),
        AuthCase(name: "both methods", credentials: .both("manual-1", "s3cret"), status: 400, error: "invalid_request", basicChallenge: false),
        AuthCase(name: "none for a confidential client", credentials: .none("manual-1"), status: 401, error: "invalid_client", basicChallenge: true),
        AuthCase(name: "wrong secret via basic", credentials: .basic("manual-1", "wrong"), status: 401, error: "invalid_client", basicChallenge: true),
        AuthCase(name: "wrong secret via post", credentials: .post("manual-1", "wrong"), status: 401, error: "invalid_client", basicChallenge: true),
        AuthCase(name: "unknown client via basic", credentials: .basic("ghost", "x"), status: 401, error: "invalid_client", basicChallenge: true),
        AuthCase(name: "basic not base64", credentials: .basicRaw("%%%"), status: 401, error: "invalid_client", basicChallenge: true),
        AuthCase(name: "no authentication", credentials: .nothing, status: 401, error: "invalid_client", basicChallenge: true),
        AuthCase(name: "bearer scheme", credentials: .bearer, status: 401, error: "invalid_client", basicChallenge: true),
    ]

    @Test(arguments: cases)
    func authMethodMatrix(_ testCase: AuthCase) throws {
        let harness = try Harness { $0.autoApproveSubject = "u-ada" }
        harness.policy.add(FakePolicy.manualClient(id: "weird:id+1", secret: "p@ss:w rd", redirects: [Harness.redirect]))
        let clientID: String = {
            if case .basic(let id, _) = testCase.credentials, id.hasPrefix("weird") { return "weird:id+1" }
            return "manual-1"
        }()
        let code = try harness.code(query: Harness.authorizeQuery(clientID: clientID))
        var form = TokenTests.codeForm(code)
        var headers = HTTPHeaders()
        switch testCase.credentials {
        case .basic(let id, let secret): headers = Harness.basic(id, secret)
        case .basicRaw(let raw): headers = ["Authorization": "Basic \(raw)"]
        case .post(let id, let secret): form += [("client_id", id), ("client_secret", secret)]
        case .both(let id, let secret):
            headers = Harness.basic(id, secret)
            form += [("client_secret", secret)]
        case .none(let id): form += [("client_id", id)]
        case .nothing: break
        case .bearer: headers = ["Authorization": "Bearer abc"]
        }
        let response = try harness.post(TokenTests.path, form: form, headers: headers)
        #expect(response.status.code == testCase.status)
        if let error = testCase.error {
            #expect(try Harness.json(response)["error"] == .string(error))
        }
        // RFC 9110 §15.5.2: every 401 carries a challenge; Basic is what the token endpoint takes.
        #expect((response.headers["WWW-Authenticate"]?.hasPrefix("Basic realm=") == true) == testCase.basicChallenge)
        #expect(testCase.basicChallenge == (testCase.status == 401))
    }

    @Test func plainBasicCredentialsAreReadOnceOnlyWhenBothReadingsAgree() {
        let encoded = Base64.encode(Array("manual-1:s3:cret".utf8))
        let plain = OAuthServer.plainBasicCredentials("Basic \(encoded)")
        #expect(plain?.id == "manual-1" && plain?.secret == "s3:cret")
        #expect(OAuthServer.plainBasicCredentials("bAsIc \(encoded)")?.id == "manual-1")
        // Everything else goes through the general parsing: form-encoded parts (% or +), other
        // spacing or schemes, text that is not base64, no colon, non-ASCII credentials.
        let general = ["Basic " + Base64.encode(Array("a%3Ab:c".utf8)), "Basic " + Base64.encode(Array("a:b+c".utf8)), "Basic  \(encoded)",
                       " Basic \(encoded)", "Basic \(encoded) ", "Bearer \(encoded)", "Basic %%%", "Basic " + Base64.encode(Array("no-colon".utf8)),
                       "Basic " + Base64.encode(Array("é:x".utf8)), "Basic", "Basic "]
        for header in general { #expect(OAuthServer.plainBasicCredentials(header) == nil, "\(header)") }
    }

    @Test func bodyClientIDMustMatchTheBasicCredentials() throws {
        let harness = try Harness { $0.autoApproveSubject = "u-ada" }
        let code = try harness.code(query: Harness.authorizeQuery(clientID: "manual-1"))
        for (id, status) in [("manual-1", 200), ("manual-2", 400)] {
            let response = try harness.post(TokenTests.path, form: TokenTests.codeForm(code) + [("client_id", id)], headers: Harness.basic("manual-1", "s3cret"))
            #expect(response.status.code == status, "\(id)")
            if status == 400 { #expect(try Harness.json(response)["error"] == "invalid_request") }
        }
    }

    @Test func publicClientUsesNoneOnlyWhenEnabled() throws {
        for enabled in [false, true] {
            let harness = try Harness { configuration in
                configuration.autoApproveSubject = "u-ada"
                configuration.noneAuthMethod = enabled
            }
            harness.policy.add(FakePolicy.manualClient(id: "public-1", secret: nil, redirects: [Harness.redirect]))
            let code = try harness.code(query: Harness.authorizeQuery(clientID: "public-1"))
            let response = try harness.post(TokenTests.path, form: TokenTests.codeForm(code) + [("client_id", "public-1")])
            #expect(response.status == (enabled ? .ok : .unauthorized))
        }
    }

    @Test func strictModeHoldsClientsToTheirRegisteredMethod() throws {
        let harness = try Harness { configuration in
            configuration.autoApproveSubject = "u-ada"
            configuration.tokenEndpointAuthStrictness = .registeredMethodOnly
        }
        var client = FakePolicy.manualClient(id: "strict", secret: "pw", redirects: [Harness.redirect])
        client.registeredAuthMethod = .clientSecretPost
        harness.policy.add(client)
        let code = try harness.code(query: Harness.authorizeQuery(clientID: "strict"))
        let basic = try harness.post(TokenTests.path, form: TokenTests.codeForm(code), headers: Harness.basic("strict", "pw"))
        #expect(basic.status == .unauthorized)
        let post = try harness.post(TokenTests.path, form: TokenTests.codeForm(code) + [("client_id", "strict"), ("client_secret", "pw")])
        #expect(post.status == .ok)
    }

    @Test func jsonBodyIsRefusedWithExplanation() throws {
        let harness = try Harness()
        let response = try harness.send(HTTPRequest(method: .post, target: TokenTests.path, headers: ["Content-Type": "application/json"], body: Array("{}".utf8)))
        #expect(response.status == .badRequest)
        #expect(try Harness.json(response)["error_description"]?.stringValue?.contains("application/x-www-form-urlencoded") == true)
    }

    @Test func getOnTheTokenEndpointIs405() throws {
        let harness = try Harness()
        #expect(try harness.get(TokenTests.path).status == .methodNotAllowed)
    }
}
