import CryptoPrimitives
import Essentials
import HTTPServer
import Testing
@testable import OAuth

@Suite struct AccessTokenTests {
    static func issued(_ configure: (inout OAuthConfiguration) -> Void = { _ in }) throws -> (Harness, JSONObject) {
        let harness = try Harness { configuration in
            configuration.autoApproveSubject = "u-ada"
            configure(&configuration)
        }
        return (harness, try harness.tokens(code: try harness.code()))
    }

    @Test func tamperedTokenIsRefused() throws {
        let (harness, tokens) = try Self.issued()
        let token = try #require(tokens["access_token"]?.stringValue)
        var parts = token.split(separator: ".").map(String.init)
        var payload = try #require(try JSONParser.parse(Base64URL.decode(parts[1]) ?? []).objectValue)
        payload["scope"] = "everything"
        parts[1] = Base64URL.encode(JSONSerializer.bytes(.object(payload)))
        guard case .failure(.badSignature) = harness.server.verifyAccessToken(parts.joined(separator: ".")) else {
            Issue.record("tampered payload must fail signature verification")
            return
        }
        guard case .failure(.badSignature) = harness.server.verifyAccessToken("not-a-jwt") else {
            Issue.record("garbage must be refused")
            return
        }
    }

    /// The claims are written straight to bytes; they must be exactly what serialising the
    /// object gives: the nine registered claims in order, then the policy's (reserved names
    /// skipped), strings escaped.
    @Test func claimBytesAreTheSerialisedObject() throws {
        let (harness, _) = try Self.issued()
        let policyClaims = JSONObject([("workspace", "w\"1\\"), ("iss", "ignored"), ("roles", ["a", "b"]), ("n", 1.5), ("flag", true)])
        let grant = GrantRecord(id: "grt_\u{1}é", clientID: "manual-1", subjectID: "u-ada", scopes: ["b", "a"], resource: nil, claims: policyClaims, createdAt: 0)
        let token = try harness.server.signAccessToken(grant: grant, scopes: ["x:y", "z\n"], configuration: harness.server.configuration)
        let payload = try #require(Base64URL.decode(String(token.split(separator: ".")[1])))
        let claims = try #require(try JSONParser.parse(payload).objectValue)
        let expected = JSONObject(distinctKeys: [
            ("iss", .string(harness.server.configuration.issuer)), ("sub", "u-ada"), ("aud", .string(harness.server.configuration.resource)),
            ("client_id", "manual-1"), ("scope", "x:y z\n"), ("exp", try #require(claims["exp"])), ("iat", try #require(claims["iat"])),
            ("jti", try #require(claims["jti"])), ("sid", "grt_\u{1}é"), ("workspace", "w\"1\\"), ("roles", ["a", "b"]), ("n", 1.5), ("flag", true),
        ])
        #expect(payload == JSONSerializer.bytes(.object(expected)))
        #expect(claims["exp"]?.doubleValue == (claims["iat"]?.doubleValue ?? 0) + Double(harness.server.configuration.accessTokenTTL))
    }

    @Test func tokenForAnotherAudienceOrIssuerIsRefused() throws {
        let (harness, _) = try Self.issued()
        let grant = GrantRecord(id: "g", clientID: "manual-1", subjectID: "u-ada", scopes: [], resource: nil, claims: JSONObject(), createdAt: 0)
        try harness.server.store.putGrant(grant)
        let configuration = harness.server.configuration
        var other = configuration
        other.resource = "https://other.example/mcp"
        let wrongAudience = try harness.server.signAccessToken(grant: grant, scopes: [], configuration: other)
        guard case .failure(let rejection) = harness.server.verifyAccessToken(wrongAudience), case .wrongAudience = rejection else {
            Issue.record("wrong audience must be refused")
            return
        }
        #expect(rejection.description == "audience https://other.example/mcp does not match this resource \(Harness.resource)")
        var tolerant = configuration
        tolerant.resource = "HTTP://127.0.0.1:7777/mcp/"
        #expect((try? harness.server.verifyAccessToken(try harness.server.signAccessToken(grant: grant, scopes: [], configuration: tolerant)).get()) != nil)
        var foreignIssuer = configuration
        foreignIssuer.issuer = "https://elsewhere.example"
        guard case .failure(.wrongIssuer) = harness.server.verifyAccessToken(try harness.server.signAccessToken(grant: grant, scopes: [], configuration: foreignIssuer)) else {
            Issue.record("wrong issuer must be refused")
            return
        }
    }

    @Test func consentTransactionIsNotAnAccessToken() throws {
        let harness = try Harness()
        let transaction = try #require(Harness.transaction(in: try harness.get("/oauth2/authorize", Harness.authorizeQuery())))
        guard case .failure(.notAnAccessToken) = harness.server.verifyAccessToken(transaction) else {
            Issue.record("a consent transaction must not pass as a bearer token")
            return
        }
    }

    @Test func policyWithdrawalStopsCachedTokens() throws {
        let (harness, tokens) = try Self.issued()
        let token = try #require(tokens["access_token"]?.stringValue)
        #expect((try? harness.server.verifyAccessToken(token).get()) != nil)
        harness.policy.withdraw(clientID: "manual-1", subjectID: "u-ada", reason: "user deactivated")
        guard case .failure(let rejection) = harness.server.verifyAccessToken(token) else {
            Issue.record("withdrawn authorization must stop the token")
            return
        }
        #expect(rejection.description.contains("user deactivated"))
    }

    @Test func revokeGrantsStopsTokens() throws {
        let (harness, tokens) = try Self.issued()
        let token = try #require(tokens["access_token"]?.stringValue)
        #expect((try? harness.server.verifyAccessToken(token).get()) != nil)
        #expect(harness.server.revokeGrants(reason: "integration deleted") { $0.clientID == "manual-1" } == 1)
        guard case .failure(.revoked(let reason)) = harness.server.verifyAccessToken(token) else {
            Issue.record("revoked grant must stop the cached token")
            return
        }
        #expect(reason.contains("integration deleted"))
    }

    @Test func revocationEndpoint() throws {
        let (harness, tokens) = try Self.issued { $0.revocation = true }
        let access = try #require(tokens["access_token"]?.stringValue)
        let refresh = try #require(tokens["refresh_token"]?.stringValue)
        let auth = Harness.basic("manual-1", "s3cret")
        #expect(try harness.post("/oauth2/revoke", form: [("token", access)], headers: auth).status == .ok)
        guard case .failure(.revoked) = harness.server.verifyAccessToken(access) else {
            Issue.record("revoked access token must be refused")
            return
        }
        #expect(try harness.post("/oauth2/revoke", form: [("token", refresh)], headers: auth).status == .ok)
        let refreshed = try harness.post(TokenTests.path, form: [("grant_type", "refresh_token"), ("refresh_token", refresh)], headers: auth)
        #expect(try Harness.json(refreshed)["error"] == "invalid_grant")
        #expect(try harness.post("/oauth2/revoke", form: [("token", "unknown")], headers: auth).status == .ok)
        #expect(try harness.post("/oauth2/revoke", form: [("token", "x")], headers: Harness.basic("manual-1", "bad")).status == .unauthorized)
        let off = try Harness()
        #expect(try off.post("/oauth2/revoke", form: [("token", "x")], headers: auth).status == .notFound)
    }

    @Test func introspectionEndpoint() throws {
        let (harness, tokens) = try Self.issued { $0.introspection = true }
        let access = try #require(tokens["access_token"]?.stringValue)
        let auth = Harness.basic("manual-1", "s3cret")
        let active = try Harness.json(try harness.post("/oauth2/introspect", form: [("token", access)], headers: auth))
        #expect(active["active"] == true)
        #expect(active["client_id"] == "manual-1")
        #expect(active["sub"] == "u-ada")
        let refresh = try Harness.json(try harness.post("/oauth2/introspect", form: [("token", try #require(tokens["refresh_token"]?.stringValue))], headers: auth))
        #expect(refresh["active"] == true)
        #expect(refresh["token_type"] == "refresh_token")
        harness.clock.advance(by: 3600)
        let expired = try Harness.json(try harness.post("/oauth2/introspect", form: [("token", access)], headers: auth))
        #expect(expired.keys == ["active"])
        #expect(expired["active"] == false)
    }

    @Test func noSecretAppearsInLogsOrEvents() throws {
        let (harness, tokens) = try Self.issued { $0.revocation = true }
        let refresh = try #require(tokens["refresh_token"]?.stringValue)
        let access = try #require(tokens["access_token"]?.stringValue)
        let auth = Harness.basic("manual-1", "s3cret")
        _ = try harness.post(TokenTests.path, form: [("grant_type", "refresh_token"), ("refresh_token", refresh)], headers: auth)
        _ = try harness.post(TokenTests.path, form: [("grant_type", "refresh_token"), ("refresh_token", refresh)], headers: auth)
        _ = try harness.post(TokenTests.path, form: [("grant_type", "refresh_token"), ("refresh_token", "x")], headers: Harness.basic("manual-1", "wrong-secret"))
        _ = harness.server.verifyAccessToken(access)
        let registered = try Harness.json(try harness.postJSON("/oauth2/register", RegistrationTests.body("client_secret_post")))
        let dcrSecret = try #require(registered["client_secret"]?.stringValue)
        let secrets = ["s3cret", "wrong-secret", refresh, access, Harness.verifier, dcrSecret]
        let records = harness.sink.records
        #expect(!records.isEmpty)
        for record in records {
            let text = record.message + " " + record.fields.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
            for secret in secrets { #expect(!text.contains(secret), "log leaked a secret: \(record.message)") }
        }
        for event in harness.recordedEvents {
            let text = event.explanation + " " + event.fields.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
            for secret in secrets { #expect(!text.contains(secret), "event leaked a secret: \(event.rule)") }
        }
        #expect(harness.recordedEvents.contains { $0.rule == "token.refresh.reuse" })
        #expect(harness.recordedEvents.contains { $0.rule == "client_auth.secret.mismatch" })
    }

    @Test func keysSurviveARestartThroughTheStore() throws {
        let store = InMemoryOAuthStateStore()
        let configuration = OAuthConfiguration(issuer: Harness.issuer, resource: Harness.resource, scopesSupported: FakePolicy.allScopes)
        let clock = ManualClock()
        let first = try OAuthServer(configuration: configuration, policy: FakePolicy(), clock: clock, logger: Logger(category: "t"), store: store)
        let second = try OAuthServer(configuration: configuration, policy: FakePolicy(), clock: clock, logger: Logger(category: "t"), store: store)
        #expect(first.signingKey.keyID == second.signingKey.keyID)
        var rsa = configuration
        rsa.signingAlgorithm = .rs256
        let third = try OAuthServer(configuration: rsa, policy: FakePolicy(), clock: clock, logger: Logger(category: "t"), store: store)
        #expect(third.signingKey.algorithm == .rs256)
        #expect(third.verificationKeys.count == 2, "the older ES256 key still verifies")
    }
}
