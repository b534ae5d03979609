import Essentials
import HTTPServer
import Testing
@testable import GongMock

/// Each fault kind, added through `POST /_mock/faults`, and what a client sees while it fires.
@Suite struct FaultKindTests {
    typealias H = GongMockHarness

    @Test func tokenErrorRefusesBeforeTheCodeIsConsumed() throws {
        let harness = try H()
        let id = harness.addFault(["kind": "token-error", "times": 1, "error": "temporarily_unavailable", "status": 503, "description": "try later"])
        let (code, verifier) = harness.code()
        let refused = harness.redeem(code, verifier: verifier)
        #expect(refused.status.code == 503)
        #expect(H.json(refused)["error"] == "temporarily_unavailable")
        #expect(H.json(refused)["error_description"] == "try later")
        #expect(harness.fired(id) == 1)
        // The same code still works: the fault acted before anything was redeemed.
        let redeemed = harness.redeem(code, verifier: verifier)
        #expect(redeemed.status == .ok)
        #expect(H.json(redeemed)["access_token"]?.stringValue != nil)
        let listed = H.json(harness.control(.get, "/_mock/faults")).arrayValue ?? []
        #expect(listed.first?["spent"] == true)
    }

    @Test func tokenErrorDefaultsAndClientAim() throws {
        let harness = try H()
        harness.addFault(["kind": "token-error", "clientId": "someone-else"])
        let (code, verifier) = harness.code()
        #expect(harness.redeem(code, verifier: verifier).status == .ok)
        harness.addFault(["kind": "token-error", "clientId": .string(H.ciClientID)])
        let (second, secondVerifier) = harness.code()
        let refused = harness.redeem(second, verifier: secondVerifier)
        #expect(refused.status == .badRequest)
        #expect(H.json(refused)["error"] == "invalid_grant")
    }

    @Test func accessTokenExpireNowRefusesOldTokensAndARefreshRecovers() throws {
        let harness = try H()
        let (code, verifier) = harness.code()
        let tokens = H.json(harness.redeem(code, verifier: verifier))
        let access = try #require(tokens["access_token"]?.stringValue)
        let refreshToken = try #require(tokens["refresh_token"]?.stringValue)
        #expect(harness.mcp(access, method: "tools/list").status == .ok)
        let id = harness.addFault(["kind": "access-token-expire", "when": "now"])
        let refused = harness.mcp(access, method: "tools/list")
        #expect(refused.status == .unauthorized)
        #expect(refused.headers["WWW-Authenticate"]?.contains("error=\"invalid_token\"") == true)
        #expect(refused.headers["WWW-Authenticate"]?.contains("expired") == true)
        let renewed = H.json(harness.refresh(refreshToken))
        let fresh = try #require(renewed["access_token"]?.stringValue)
        #expect(harness.mcp(fresh, method: "tools/list").status == .ok)
        #expect(harness.mcp(access, method: "tools/list").status == .unauthorized)
        #expect(harness.fired(id) >= 2)
    }

    @Test func accessTokenExpireAfterCalls() throws {
        let harness = try H()
        let access = harness.accessToken()
        harness.addFault(["kind": "access-token-expire", "afterCalls": 3])
        // mcp() sends three requests (initialize, initialized, tools/list): all pass.
        #expect(harness.mcp(access, method: "tools/list").status == .ok)
        #expect(harness.mcp(access, method: "tools/list").status == .unauthorized)
    }

    @Test func refreshTokenRejectLeavesTheTokenUsable() throws {
        let harness = try H()
        let (code, verifier) = harness.code()
        let refreshToken = try #require(H.json(harness.redeem(code, verifier: verifier))["refresh_token"]?.stringValue)
        harness.addFault(["kind": "refresh-token-reject", "times": 1])
        let refused = harness.refresh(refreshToken)
        #expect(refused.status == .badRequest)
        #expect(H.json(refused)["error"] == "invalid_grant")
        #expect(H.json(refused)["error_description"]?.stringValue?.contains("already used") == true)
        #expect(harness.refresh(refreshToken).status == .ok)
    }

    @Test func refreshWithoutRotationKeepsThePresentedToken() throws {
        let harness = try H()
        let (code, verifier) = harness.code()
        let refreshToken = try #require(H.json(harness.redeem(code, verifier: verifier))["refresh_token"]?.stringValue)
        harness.addFault(["kind": "refresh-without-rotation"])
        let first = harness.refresh(refreshToken)
        #expect(first.status == .ok)
        #expect(H.json(first)["access_token"]?.stringValue != nil)
        let returned = H.json(first)["refresh_token"]?.stringValue
        #expect(returned == nil || returned == refreshToken)
        #expect(harness.refresh(refreshToken).status == .ok)
    }

    @Test func expiredTokenAsToolError() throws {
        let harness = try H()
        harness.addFault(["kind": "expired-token-as-tool-error"])
        let response = harness.send(.post, "/mcp", headers: ["Authorization": "Bearer not-a-jwt", "Content-Type": "application/json",
                                                             "Accept": "application/json, text/event-stream"],
                                    body: Array(#"{"jsonrpc":"2.0","id":42,"method":"tools/call","params":{"name":"ask_account"}}"#.utf8))
        #expect(response.status == .ok)
        let body = H.json(response)
        #expect(body["id"] == 42)
        #expect(body["result"]?["isError"] == true)
    }

    @Test func insufficientScopeOnOneTool() throws {
        let harness = try H()
        let token = harness.accessToken()
        harness.addFault(["kind": "insufficient-scope", "tool": "generate_brief"])
        let (stepUp, _) = harness.callTool(token, "generate_brief", ["briefName": "Account overview", "entityType": "ACCOUNT",
                                                                    "entityId": .string(H.altamira), "timePeriod": "ALL_CONVERSATIONS"])
        #expect(stepUp.status.code == 403)
        #expect(stepUp.headers["WWW-Authenticate"]?.contains("insufficient_scope") == true)
        let (other, _) = harness.callTool(token, "ask_account", H.askAltamira)
        #expect(other.status == .ok)
    }

    @Test func creditsExhaustAtTheSecondCallChargesNothing() throws {
        let harness = try H()
        let token = harness.accessToken()
        harness.addFault(["kind": "credits-exhaust", "atCall": 2])
        let (_, first) = harness.callTool(token, "ask_account", H.askAltamira)
        #expect(first["result"]?["isError"] != true)
        let balance = harness.app.ledger.balance
        let (_, second) = harness.callTool(token, "ask_account", H.askAltamira)
        #expect(second["result"]?["isError"] == true)
        #expect(second["result"]?["structuredContent"]?["error"] == "Insufficient Gong credits")
        #expect(harness.app.ledger.balance == balance)
    }

    @Test func latencyAndSlowTokenDelayTheAnswer() throws {
        let harness = try H()
        harness.addFault(["kind": "latency", "path": "/.well-known/*", "ms": 250])
        #expect(harness.send(.get, "/.well-known/oauth-authorization-server").delay == .milliseconds(250))
        #expect(harness.send(.get, "/healthz").delay == nil)
        harness.addFault(["kind": "slow-token", "ms": 40])
        let (code, verifier) = harness.code()
        #expect(harness.redeem(code, verifier: verifier).delay == .milliseconds(40))
    }

    @Test func httpStatusAndDropConnection() throws {
        let harness = try H()
        harness.addFault(["kind": "http-status", "path": "/mcp", "status": 503, "retryAfter": 7, "times": 1])
        let unavailable = harness.send(.post, "/mcp")
        #expect(unavailable.status.code == 503)
        #expect(unavailable.headers["Retry-After"] == "7")
        harness.addFault(["kind": "drop-connection", "path": "/oauth2/*"])
        #expect(harness.send(.get, "/oauth2/authorize").abortsConnection)
        #expect(!harness.send(.get, "/healthz").abortsConnection)
        #expect(harness.control(.get, "/_mock/faults").status == .ok)
    }

    @Test func discoveryQuirks() throws {
        let harness = try H()
        for kind in ["issuer-trailing-slash", "no-code-challenge-methods", "token-auth-basic-only", "resource-trailing-slash"] {
            harness.addFault(["kind": .string(kind)])
        }
        let metadata = H.json(harness.send(.get, "/.well-known/oauth-authorization-server"))
        #expect(metadata["issuer"] == "http://127.0.0.1:7777/")
        #expect(metadata["code_challenge_methods_supported"] == nil)
        #expect(metadata["token_endpoint_auth_methods_supported"] == ["client_secret_basic"])
        let resource = H.json(harness.send(.get, "/.well-known/oauth-protected-resource/mcp"))
        #expect(resource["resource"] == "http://127.0.0.1:7777/mcp/")
        // token-auth-basic-only: client_secret_post is refused before the code is used; Basic works.
        let (code, verifier) = harness.code()
        let refused = harness.redeem(code, verifier: verifier)
        #expect(refused.status == .unauthorized)
        #expect(H.json(refused)["error"] == "invalid_client")
        #expect(harness.redeem(code, verifier: verifier, basic: true).status == .ok)
    }

    @Test func tokenRedirectAndRegister404() throws {
        let harness = try H()
        harness.addFault(["kind": "token-redirect-307", "times": 1])
        harness.addFault(["kind": "register-404"])
        let (code, verifier) = harness.code()
        let redirected = harness.redeem(code, verifier: verifier)
        #expect(redirected.status.code == 307)
        #expect(redirected.headers["Location"] == "http://127.0.0.1:7777/oauth2/generate-mcp-token")
        #expect(harness.redeem(code, verifier: verifier).status == .ok)
        let registration = harness.send(.post, "/oauth2/register", headers: ["Content-Type": "application/json"],
                                        body: Array(#"{"redirect_uris":["https://claude.ai/api/mcp/auth_callback"]}"#.utf8))
        #expect(registration.status == .notFound)
    }
}
