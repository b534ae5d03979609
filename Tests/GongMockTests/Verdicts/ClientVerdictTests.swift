import CryptoPrimitives
import Essentials
import HTTPServer
import Testing
@testable import GongMock

/// Each verdict passing for a well-behaved client and failing for a deliberately wrong one.
@Suite struct ClientVerdictTests {
    typealias H = GongMockHarness

    @Test func wellBehavedClientPassesEverythingItShows() throws {
        let client = VerdictClient(try H())
        client.discover()
        #expect(client.authorize())
        client.initialize()
        #expect(client.callTool().status.code == 200)
        #expect(client.refresh())
        #expect(client.refresh())
        let verdicts = client.verdicts()
        #expect(Set(verdicts.keys) == Set(ClientVerdicts.ids))
        for id in ["prm-discovery", "resource-indicator", "pkce-s256", "state", "redirect-uri", "token-endpoint-auth",
                   "protocol-version-header", "session-header", "refresh-token-reuse", "token-in-query", "code-reuse"] {
            #expect(verdicts[id]?.status == .pass, "\(id): \(verdicts[id]?.reason ?? "missing")")
        }
        for id in ["refresh-after-expiry", "step-up", "retry-after", "credits-exhausted"] {
            #expect(verdicts[id]?.status == .notSeen, "\(id): \(verdicts[id]?.reason ?? "missing")")
        }
        #expect(verdicts["pkce-s256"]?.reason.contains("verifier matched") == true)
        #expect(verdicts["resource-indicator"]?.entries.count == 4)  // authorize, code, two refreshes
    }

    @Test func noPKCENoStateNoDiscovery() throws {
        let client = VerdictClient(try H())
        client.pkce = false
        client.state = false
        #expect(!client.authorize())
        let verdicts = client.verdicts()
        #expect(verdicts["pkce-s256"]?.status == .fail)
        #expect(verdicts["pkce-s256"]?.reason.contains("authorize.pkce") == true)
        #expect(verdicts["state"]?.status == .fail)
        #expect(verdicts["prm-discovery"]?.status == .fail)
    }

    @Test func wrongOrMissingResource() throws {
        let wrong = VerdictClient(try H())
        wrong.resource = "https://mcp.gong.io/mcp"
        wrong.authorize()
        #expect(wrong.verdicts()["resource-indicator"]?.status == .fail)
        #expect(wrong.verdicts()["resource-indicator"]?.reason.contains("resource=https://mcp.gong.io/mcp") == true)
        let missing = VerdictClient(try H())
        missing.resource = nil
        missing.authorize()
        #expect(missing.verdicts()["resource-indicator"]?.status == .fail)
        #expect(missing.verdicts()["resource-indicator"]?.reason.contains("no resource parameter") == true)
    }

    @Test func tokenInQuery() throws {
        let client = VerdictClient(try H())
        #expect(client.authorize())
        #expect(client.callTool(tokenInQuery: true).status.code == 400)
        let verdict = client.verdicts()["token-in-query"]
        #expect(verdict?.status == .fail)
        // The journal shows the refusal and never the token.
        let entry = try #require(client.harness.app.journal.entries().last)
        #expect(entry.refusal?.rule == "bearer.token_in_query")
        #expect(!String(decoding: entry.jsonLine(), as: UTF8.self).contains(client.accessToken))
    }

    @Test func reusedRefreshToken() throws {
        let client = VerdictClient(try H())
        #expect(client.authorize())
        let first = client.refreshToken
        #expect(client.refresh())
        #expect(!client.refresh(with: first))
        let verdict = client.verdicts()["refresh-token-reuse"]
        #expect(verdict?.status == .fail)
        #expect(!(verdict?.reason.contains(first) ?? true))
    }

    @Test func missingSessionAndVersionHeaders() throws {
        let client = VerdictClient(try H())
        #expect(client.authorize())
        client.initialize()
        client.sessionHeader = false
        client.versionHeader = false
        #expect(client.callTool().status.code == 400)
        let verdicts = client.verdicts()
        #expect(verdicts["session-header"]?.status == .fail)
        #expect(verdicts["protocol-version-header"]?.status == .fail)
    }

    @Test func refreshOrRestartAfterExpiry() throws {
        let good = VerdictClient(try H())
        #expect(good.authorize())
        good.initialize()
        good.harness.app.clock.advance(by: 7200)
        #expect(good.callTool().status.code == 401)
        #expect(good.refresh())
        #expect(good.verdicts()["refresh-after-expiry"]?.status == .pass)

        let restarts = VerdictClient(try H())
        #expect(restarts.authorize())
        restarts.initialize()
        restarts.harness.app.clock.advance(by: 7200)
        #expect(restarts.callTool().status.code == 401)
        #expect(restarts.authorize())
        #expect(restarts.verdicts()["refresh-after-expiry"]?.status == .fail)
    }

    @Test func stepUpAfterInsufficientScope() throws {
        for reauthorizes in [true, false] {
            let client = VerdictClient(try H())
            client.clientID = H.askOnlyClientID
            client.secret = H.askOnlySecret
            #expect(client.authorize(scope: "mcp:ai-ask:read"))
            client.initialize()
            let brief: JSONValue = ["briefName": "Account overview", "entityType": "ACCOUNT", "entityId": .string(H.altamira)]
            #expect(client.callTool("generate_brief", arguments: brief).status.code == 403)
            if reauthorizes {
                client.authorize(scope: "mcp:ai-ask:read mcp:ai-briefer:read")
            } else {
                client.callTool("generate_brief", arguments: brief)
            }
            #expect(client.verdicts()["step-up"]?.status == (reauthorizes ? .pass : .fail), "\(client.verdicts()["step-up"]?.reason ?? "")")
        }
    }

    @Test func creditsAndRetryAfter() throws {
        var options = GongMockOptions()
        options.creditExhaustion = .http429
        options.tokenTTL = 7200  // the token outlives the hour Retry-After asks for
        for waits in [true, false] {
            let client = VerdictClient(try H(options: options))
            try client.harness.app.ledger.setCredits(balance: 0.5, total: 100)
            #expect(client.authorize())
            client.initialize()
            #expect(client.callTool().status.code == 429)
            if waits {
                client.harness.app.clock.advance(by: 3600)
                client.initialize()  // the idle session expired meanwhile
            }
            client.callTool()
            let verdicts = client.verdicts()
            #expect(verdicts["retry-after"]?.status == (waits ? .pass : .fail), "\(verdicts["retry-after"]?.reason ?? "")")
            #expect(verdicts["credits-exhausted"]?.status == .fail)
        }
        let stops = VerdictClient(try H())
        try stops.harness.app.ledger.setCredits(balance: 0.5, total: 100)
        #expect(stops.authorize())
        stops.initialize()
        stops.callTool()
        #expect(stops.verdicts()["credits-exhausted"]?.status == .pass)
    }

    @Test func replayedAuthorizationCode() throws {
        let client = VerdictClient(try H())
        client.harness.app.oauth.updateConfiguration { $0.autoApproveSubject = H.maya }
        let query = URLEncodedForm.encode([("response_type", "code"), ("client_id", H.ciClientID), ("redirect_uri", H.ciRedirect),
                                           ("code_challenge", PKCE.s256Challenge(verifier: client.verifier)), ("code_challenge_method", "S256"),
                                           ("state", "s"), ("resource", H.base + "/mcp")])
        let location = client.harness.send(.get, "/oauth2/authorize?" + query).headers["Location"] ?? ""
        let code = URLEncodedForm.parse(String(location.split(separator: "?").last ?? "")).first { $0.name == "code" }?.value ?? ""
        let form = URLEncodedForm.encode([("grant_type", "authorization_code"), ("code", code), ("redirect_uri", H.ciRedirect),
                                          ("code_verifier", client.verifier), ("client_id", H.ciClientID), ("client_secret", H.ciSecret),
                                          ("resource", H.base + "/mcp")])
        for _ in 0..<2 {
            _ = client.harness.send(.post, "/oauth2/generate-mcp-token", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array(form.utf8))
        }
        let verdict = client.verdicts()["code-reuse"]
        #expect(verdict?.status == .fail)
        #expect(!(verdict?.reason.contains(code) ?? true))
    }

    @Test func wrongSecretAndUnregisteredRedirect() throws {
        let client = VerdictClient(try H())
        client.secret = "not-the-secret"
        #expect(!client.authorize())
        #expect(client.verdicts()["token-endpoint-auth"]?.status == .fail)
        let redirect = VerdictClient(try H())
        redirect.redirect = "https://evil.example/callback"
        #expect(!redirect.authorize())
        #expect(redirect.verdicts()["redirect-uri"]?.status == .fail)
    }

    @Test func verdictsRouteAnswersEveryClient() throws {
        let client = VerdictClient(try H())
        client.discover()
        #expect(client.authorize())
        let response = client.harness.send(.get, "/_mock/verdicts?client=\(H.ciClientID)", headers: ["Authorization": "Bearer test-admin-token"])
        let json = H.json(response)
        let first = json["clients"]?[0]
        #expect(first?["clientId"]?.stringValue == H.ciClientID)
        #expect(first?["integration"]?["name"]?.stringValue == "CI pipeline")
        #expect(first?["flows"]?[0]?["stages"]?[0]?.stringValue == "discovery (401)")
        #expect(first?["verdicts"]?.arrayValue?.count == ClientVerdicts.ids.count)
        #expect(client.harness.send(.get, "/_mock/verdicts").status.code == 401)
    }
}
