import CryptoPrimitives
import Essentials
import HTTPServer
import Testing
@testable import OAuth

@Suite struct TokenTests {
    static let path = "/oauth2/token"

    static func codeForm(_ code: String, _ overrides: [String: String?] = [:]) -> [(String, String)] {
        var base: [(String, String?)] = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Harness.redirect), ("code_verifier", Harness.verifier),
        ]
        for (key, value) in overrides {
            if let index = base.firstIndex(where: { $0.0 == key }) { base[index].1 = value } else { base.append((key, value)) }
        }
        return base.compactMap { pair in pair.1.map { (pair.0, $0) } }
    }

    @Test func pkceRFC7636AppendixBVector() {
        #expect(PKCE.s256Challenge(verifier: Harness.verifier) == Harness.challenge)
        #expect(OAuthServer.isValidS256Challenge(Harness.challenge))
    }

    @Test func codeGrantSuccessHasRequiredMembersAndHeaders() throws {
        let harness = try Harness { $0.autoApproveSubject = "u-ada" }
        let code = try harness.code()
        let response = try harness.post(Self.path, form: Self.codeForm(code, ["resource": Harness.resource]), headers: Harness.basic("manual-1", "s3cret"))
        #expect(response.status == .ok)
        #expect(response.headers["Cache-Control"] == "no-store")
        #expect(response.headers["Pragma"] == "no-cache")
        let body = try Harness.json(response)
        #expect(body.keys == ["access_token", "token_type", "expires_in", "refresh_token", "scope"])
        #expect(body["token_type"] == "Bearer")
        #expect(body["expires_in"] == 3600)
        #expect(body["scope"] == .string(FakePolicy.allScopes.joined(separator: " ")))
        // Written straight to bytes: exactly the compact serialisation of the same object.
        #expect(Harness.body(response) == JSONSerializer.string(.object(body)))
        let token = try #require(body["access_token"]?.stringValue)
        let verified = try #require(try? harness.server.verifyAccessToken(token).get())
        #expect(verified.subject == "u-ada")
        #expect(verified.clientID == "manual-1")
        #expect(verified.claims["aud"] == .string(Harness.resource))
        #expect(verified.claims["iss"] == .string(Harness.issuer), "policy cannot override iss")
        #expect(verified.claims["integration_id"] == "manual-1")
        #expect(verified.claims.keys.prefix(9) == ["iss", "sub", "aud", "client_id", "scope", "exp", "iat", "jti", "sid"])
        let header = try JWS.verify(token, keys: harness.server.verificationKeys).get().header
        #expect(header["typ"] == "at+jwt")
        #expect(header["alg"] == "ES256")
    }

    @Test func parametersInTheQueryStringOfAPostAndTheTokenAlias() throws {
        let harness = try Harness { $0.autoApproveSubject = "u-ada" }
        let code = try harness.code()
        let response = try harness.send(HTTPRequest(method: .post, target: "/oauth2/token?" + URLEncodedForm.encode(Self.codeForm(code)),
                                                    headers: Harness.basic("manual-1", "s3cret")))
        #expect(response.status == .ok)
    }

    struct GrantCase: Sendable, CustomStringConvertible {
        let name: String
        let overrides: [String: String?]
        let error: String
        let fragment: String
        var description: String { name }
    }

    static let grantCases: [GrantCase] = [
        GrantCase(name: "no grant_type", overrides: ["grant_type": nil], error: "invalid_request", fragment: "grant_type is required"),
        GrantCase(name: "client_credentials", overrides: ["grant_type": "client_credentials"], error: "unsupported_grant_type", fragment: "client_credentials"),
        GrantCase(name: "no code", overrides: ["code": nil], error: "invalid_request", fragment: "code is required"),
        GrantCase(name: "unknown code", overrides: ["code": "nope"], error: "invalid_grant", fragment: "unknown"),
        GrantCase(name: "no redirect_uri", overrides: ["redirect_uri": nil], error: "invalid_request", fragment: "redirect_uri is required"),
        GrantCase(name: "other redirect_uri", overrides: ["redirect_uri": "http://127.0.0.1/callback"], error: "invalid_grant", fragment: "differs"),
        GrantCase(name: "no verifier", overrides: ["code_verifier": nil], error: "invalid_request", fragment: "code_verifier is required"),
        GrantCase(name: "malformed verifier", overrides: ["code_verifier": "short"], error: "invalid_request", fragment: "43 to 128"),
        GrantCase(name: "wrong verifier", overrides: ["code_verifier": String(repeating: "a", count: 43)], error: "invalid_grant", fragment: "does not match"),
        GrantCase(name: "foreign resource", overrides: ["resource": "https://evil.example.com/mcp"], error: "invalid_target", fragment: "evil.example.com"),
    ]

    @Test(arguments: grantCases)
    func codeGrantRefusals(_ testCase: GrantCase) throws {
        let harness = try Harness { $0.autoApproveSubject = "u-ada" }
        let code = try harness.code()
        let response = try harness.post(Self.path, form: Self.codeForm(code, testCase.overrides), headers: Harness.basic("manual-1", "s3cret"))
        #expect(response.status == .badRequest)
        let body = try Harness.json(response)
        #expect(body["error"] == .string(testCase.error))
        #expect(body["error_description"]?.stringValue?.contains(testCase.fragment) == true, "\(body)")
        #expect(response.headers["Cache-Control"] == "no-store")
    }

    @Test func codeReplayRevokesEverythingIssuedFromIt() throws {
        let harness = try Harness { $0.autoApproveSubject = "u-ada" }
        let code = try harness.code()
        let first = try harness.tokens(code: code)
        let access = try #require(first["access_token"]?.stringValue)
        let refresh = try #require(first["refresh_token"]?.stringValue)
        #expect((try? harness.server.verifyAccessToken(access).get()) != nil)
        let replay = try harness.post(Self.path, form: Self.codeForm(code), headers: Harness.basic("manual-1", "s3cret"))
        #expect(replay.status == .badRequest)
        let body = try Harness.json(replay)
        #expect(body["error"] == "invalid_grant")
        #expect(body["error_description"]?.stringValue?.contains("already used") == true)
        guard case .failure(.revoked(let reason)) = harness.server.verifyAccessToken(access) else {
            Issue.record("access token from a replayed code must be revoked")
            return
        }
        #expect(reason.contains("authorization code replay"))
        let refreshed = try harness.post(Self.path, form: [("grant_type", "refresh_token"), ("refresh_token", refresh)], headers: Harness.basic("manual-1", "s3cret"))
        #expect(try Harness.json(refreshed)["error"] == "invalid_grant")
    }

    @Test func codeExpiresAfter600SecondsOnTheVirtualClock() throws {
        let harness = try Harness { $0.autoApproveSubject = "u-ada" }
        let fresh = try harness.code()
        harness.clock.advance(by: 599)
        #expect(try harness.post(Self.path, form: Self.codeForm(fresh), headers: Harness.basic("manual-1", "s3cret")).status == .ok)
        let stale = try harness.code()
        harness.clock.advance(by: 600)
        let response = try harness.post(Self.path, form: Self.codeForm(stale), headers: Harness.basic("manual-1", "s3cret"))
        let body = try Harness.json(response)
        #expect(body["error"] == "invalid_grant")
        #expect(body["error_description"]?.stringValue?.contains("expired at") == true)
    }

    @Test func codeIsBoundToItsClient() throws {
        let harness = try Harness { $0.autoApproveSubject = "u-ada" }
        harness.policy.add(FakePolicy.manualClient(id: "other", secret: "pw", redirects: [Harness.redirect]))
        let code = try harness.code()
        let response = try harness.post(Self.path, form: Self.codeForm(code), headers: Harness.basic("other", "pw"))
        #expect(try Harness.json(response)["error_description"]?.stringValue?.contains("another client") == true)
    }

    @Test func refreshRotatesAndReuseRevokesTheGrant() throws {
        let harness = try Harness { $0.autoApproveSubject = "u-ada" }
        let first = try harness.tokens(code: try harness.code())
        let refresh1 = try #require(first["refresh_token"]?.stringValue)
        let auth = Harness.basic("manual-1", "s3cret")
        let second = try Harness.json(try harness.post(Self.path, form: [("grant_type", "refresh_token"), ("refresh_token", refresh1)], headers: auth))
        let refresh2 = try #require(second["refresh_token"]?.stringValue)
        let access2 = try #require(second["access_token"]?.stringValue)
        #expect(refresh2 != refresh1, "a new refresh token every time")
        #expect((try? harness.server.verifyAccessToken(access2).get()) != nil)

        let reuse = try harness.post(Self.path, form: [("grant_type", "refresh_token"), ("refresh_token", refresh1)], headers: auth)
        let body = try Harness.json(reuse)
        #expect(body["error"] == "invalid_grant")
        #expect(body["error_description"]?.stringValue?.contains("already rotated") == true)
        let afterReuse = try Harness.json(try harness.post(Self.path, form: [("grant_type", "refresh_token"), ("refresh_token", refresh2)], headers: auth))
        #expect(afterReuse["error"] == "invalid_grant")
        #expect(afterReuse["error_description"]?.stringValue?.contains("refresh token reuse detected") == true)
        guard case .failure(let rejection) = harness.server.verifyAccessToken(access2) else {
            Issue.record("the whole grant must be revoked")
            return
        }
        #expect(rejection.description == "grant revoked: refresh token reuse detected")
    }

    @Test func refreshMayNarrowButNotWidenScope() throws {
        let harness = try Harness { $0.autoApproveSubject = "u-ada" }
        let code = try harness.code(query: Harness.authorizeQuery(["scope": "mcp:ai-ask:read mcp:ai-briefer:read"]))
        let first = try harness.tokens(code: code)
        let auth = Harness.basic("manual-1", "s3cret")
        let narrowed = try Harness.json(try harness.post(Self.path, form: [
            ("grant_type", "refresh_token"), ("refresh_token", try #require(first["refresh_token"]?.stringValue)), ("scope", "mcp:ai-ask:read"),
        ], headers: auth))
        #expect(narrowed["scope"] == "mcp:ai-ask:read")
        let widened = try harness.post(Self.path, form: [
            ("grant_type", "refresh_token"), ("refresh_token", try #require(narrowed["refresh_token"]?.stringValue)), ("scope", "mcp:ai-assistant:read"),
        ], headers: auth)
        #expect(try Harness.json(widened)["error"] == "invalid_scope")
    }

    @Test func refreshRefusedWhenPolicyWithdrawsTheAuthorization() throws {
        let harness = try Harness { $0.autoApproveSubject = "u-ada" }
        let first = try harness.tokens(code: try harness.code())
        harness.policy.withdraw(clientID: "manual-1", subjectID: "u-ada", reason: "integration deleted")
        let response = try harness.post(Self.path, form: [("grant_type", "refresh_token"), ("refresh_token", try #require(first["refresh_token"]?.stringValue))],
                                        headers: Harness.basic("manual-1", "s3cret"))
        #expect(try Harness.json(response)["error_description"]?.stringValue?.contains("integration deleted") == true)
    }

    @Test func rotationOffReturnsTheSameRefreshToken() throws {
        let harness = try Harness { configuration in
            configuration.autoApproveSubject = "u-ada"
            configuration.refreshTokenRotation = false
        }
        let refresh = try #require(try harness.tokens(code: try harness.code())["refresh_token"]?.stringValue)
        let again = try Harness.json(try harness.post(Self.path, form: [("grant_type", "refresh_token"), ("refresh_token", refresh)], headers: Harness.basic("manual-1", "s3cret")))
        #expect(again["refresh_token"] == .string(refresh))
    }

    @Test func accessTokenExpiresAfterTTL() throws {
        let harness = try Harness { configuration in
            configuration.autoApproveSubject = "u-ada"
            configuration.accessTokenTTL = 120
        }
        let body = try harness.tokens(code: try harness.code())
        #expect(body["expires_in"] == 120)
        let token = try #require(body["access_token"]?.stringValue)
        harness.clock.advance(by: 119)
        #expect((try? harness.server.verifyAccessToken(token).get()) != nil)
        harness.clock.advance(by: 1)
        guard case .failure(let rejection) = harness.server.verifyAccessToken(token), case .expired = rejection else {
            Issue.record("token must expire at iat + TTL")
            return
        }
        #expect(rejection.description.hasPrefix("token expired at 20"))
    }
}
