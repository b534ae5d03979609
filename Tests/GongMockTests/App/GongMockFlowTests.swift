import Essentials
import Foundation
import HTTPServer
import Testing
@testable import GongMock

/// The whole mock through its router: discovery as mcp.gong.io serves it, OAuth, the bearer gate,
/// the three tools, access rules and credits.
@Suite struct GongMockFlowTests {
    typealias H = GongMockHarness

    @Test func discoveryDocumentsAreGongsWithTheHostSwapped() throws {
        let harness = try H()
        let metadata = H.bodyText(harness.send(.get, "/.well-known/oauth-authorization-server"))
        // Member order as mcp.gong.io serves it (gong.md §4.1); registration_endpoint follows
        // because the seed has an AUTOMATIC integration.
        #expect(metadata.hasPrefix(#"{"grant_types_supported":["authorization_code","refresh_token"],"issuer":"http://127.0.0.1:7777","response_types_supported":["code"],"authorization_endpoint":"http://127.0.0.1:7777/oauth2/authorize","token_endpoint":"http://127.0.0.1:7777/oauth2/generate-mcp-token","token_endpoint_auth_methods_supported":["client_secret_basic","client_secret_post"],"scopes_supported":["mcp:ai-ask:read","mcp:ai-briefer:read","mcp:ai-assistant:read"],"code_challenge_methods_supported":["S256"]"#))
        #expect(metadata.contains(#""registration_endpoint":"http://127.0.0.1:7777/oauth2/register""#))
        let resource = H.bodyText(harness.send(.get, "/.well-known/oauth-protected-resource/mcp"))
        #expect(resource == #"{"authorization_servers":["http://127.0.0.1:7777"],"resource":"http://127.0.0.1:7777/mcp","scopes_supported":["mcp:ai-ask:read","mcp:ai-briefer:read","mcp:ai-assistant:read"]}"#)
        #expect(harness.send(.get, "/.well-known/oauth-protected-resource").status == .unauthorized)
    }

    @Test func missingTokenGetsGongsExactChallenge() throws {
        let harness = try H()
        let response = harness.send(.post, "/mcp", headers: ["Content-Type": "application/json", "Accept": "application/json, text/event-stream"],
                                    body: Array(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#.utf8))
        #expect(response.status == .unauthorized)
        #expect(response.headers["WWW-Authenticate"] == #"Bearer realm="mcp", resource_metadata=http://127.0.0.1:7777/.well-known/oauth-protected-resource/mcp"#)
    }

    @Test(arguments: [
        ("Bearer not-a-jwt", "invalid_token"),
        ("Basic Y2k6c2VjcmV0", "invalid_request"),
    ])
    func badTokensGetInvalidTokenChallenges(header: String, error: String) throws {
        let harness = try H()
        let response = harness.send(.post, "/mcp", headers: ["Authorization": header, "Content-Type": "application/json",
                                                             "Accept": "application/json, text/event-stream"],
                                    body: Array(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#.utf8))
        #expect(response.status == .unauthorized)
        #expect(response.headers["WWW-Authenticate"]?.contains("error=\"\(error)\"") == true)
        #expect(response.headers["WWW-Authenticate"]?.hasSuffix("resource_metadata=http://127.0.0.1:7777/.well-known/oauth-protected-resource/mcp") == true)
    }

    @Test func queryStringTokenIsRefused() throws {
        let harness = try H()
        let token = harness.accessToken()
        let response = harness.send(.post, "/mcp?access_token=\(token)", headers: ["Content-Type": "application/json", "Accept": "application/json, text/event-stream"],
                                    body: Array(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#.utf8))
        // RFC 6750 §3.1: invalid_request is a 400; the challenge still names the error.
        #expect(response.status == .badRequest)
        #expect(H.json(response)["error"] == "invalid_request")
        #expect(H.bodyText(response).contains("Authorization header"))
        #expect(response.headers["WWW-Authenticate"]?.contains("error=\"invalid_request\"") == true)
        let withHeader = harness.send(.post, "/mcp?access_token=\(token)", headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json",
                                                                                 "Accept": "application/json, text/event-stream"],
                                      body: Array(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#.utf8))
        #expect(withHeader.status == .badRequest, "RFC 6750 §2: a client must not use more than one method")
    }

    @Test func sharedTokenListsAndCallsEveryToolAndPays() throws {
        let harness = try H()
        let token = harness.accessToken()
        let listed = H.json(harness.mcp(token, method: "tools/list"))
        let names = listed["result"]?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(Set(names) == ["ask_account", "ask_deal", "generate_brief"])
        let before = harness.app.ledger.balance
        let (_, answer) = harness.callTool(token, "ask_account", ["accountId": .string(H.altamira), "question": "What did they say about pricing?",
                                                                  "timePeriod": "ALL_CONVERSATIONS"])
        #expect(answer["result"]?["isError"]?.boolValue != true)
        #expect(answer["result"]?["structuredContent"]?["answer"] != nil)
        let (_, brief) = harness.callTool(token, "generate_brief", ["briefName": "Account overview", "entityType": "ACCOUNT",
                                                                   "entityId": .string(H.altamira), "timePeriod": "ALL_CONVERSATIONS"])
        #expect(brief["result"]?["structuredContent"]?["briefSections"] != nil)
        #expect(harness.app.ledger.balance < before)
        let rows = harness.app.ledger.usageRows
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.usage.integration == "CI pipeline" && $0.usage.featureType == "MCP server" })
        #expect(rows.first?.usage.userID == "3083149827637856052")
    }

    @Test func failedCallsChargeNothing() throws {
        let harness = try H()
        let token = harness.accessToken()
        let before = harness.app.ledger.balance
        let (_, unknown) = harness.callTool(token, "ask_account", ["accountId": "001NOPE", "question": "anything?", "timePeriod": "LAST_30DAYS"])
        #expect(unknown["result"]?["isError"]?.boolValue == true)
        let (_, badPeriod) = harness.callTool(token, "ask_deal", ["dealId": "006Hs0000XskJfyAAS", "question": "q", "timePeriod": "LAST_DECADE"])
        #expect(badPeriod["result"]?["isError"]?.boolValue == true)
        #expect(H.bodyText(try #require(Optional(harness.callTool(token, "ask_deal", ["dealId": "006Hs0000XskJfyAAS", "question": "q", "timePeriod": "LAST_DECADE"]).0))).contains("timePeriod"))
        let (_, unpublished) = harness.callTool(token, "generate_brief", ["briefName": "Churn signals (draft)", "entityType": "ACCOUNT",
                                                                         "entityId": .string(H.altamira), "timePeriod": "LAST_YEAR"])
        #expect(unpublished["result"]?["content"]?[0]?["text"]?.stringValue?.contains("Brief not found - could be that the brief is not published") == true)
        #expect(harness.app.ledger.balance == before)
        #expect(harness.app.ledger.usageRows.isEmpty)
    }

    @Test func personalContextSeesOnlyWhatTheUserMaySee() throws {
        let harness = try H()
        let tomToken = harness.accessToken(clientID: H.personalClientID, secret: H.personalSecret, user: H.tom)
        let (_, own) = harness.callTool(tomToken, "ask_account", ["accountId": .string(H.beacon), "question": "next steps?", "timePeriod": "ALL_CONVERSATIONS"])
        #expect(own["result"]?["isError"]?.boolValue != true)
        let (_, foreign) = harness.callTool(tomToken, "ask_account", ["accountId": .string(H.altamira), "question": "next steps?", "timePeriod": "ALL_CONVERSATIONS"])
        #expect(foreign["result"]?["isError"]?.boolValue == true)
        // The same user through a SHARED integration sees everything.
        let sharedToken = harness.accessToken(user: H.tom)
        let (_, shared) = harness.callTool(sharedToken, "ask_account", ["accountId": .string(H.altamira), "question": "next steps?", "timePeriod": "ALL_CONVERSATIONS"])
        #expect(shared["result"]?["isError"]?.boolValue != true)
    }

    @Test func missingScopeGetsStepUpChallenge() throws {
        let harness = try H()
        let token = harness.accessToken(clientID: H.askOnlyClientID, secret: H.askOnlySecret)
        let (response, _) = harness.callTool(token, "generate_brief", ["briefName": "Account overview", "entityType": "ACCOUNT",
                                                                      "entityId": .string(H.altamira), "timePeriod": "LAST_YEAR"])
        #expect(response.status == .forbidden)
        let challenge = response.headers["WWW-Authenticate"] ?? ""
        #expect(challenge.contains(#"error="insufficient_scope""#))
        #expect(challenge.contains(#"scope="mcp:ai-briefer:read mcp:ai-ask:read""#))
        #expect(challenge.contains("resource_metadata="))
    }

    @Test func collaboratorsAndDeactivatedUsersCannotConnect() throws {
        let harness = try H()
        for user in [H.chloe, H.hannah] {
            let redirect = harness.authorize(clientID: H.ciClientID, user: user)
            #expect(redirect["error"] == "access_denied", "user \(user)")
            #expect(redirect["state"] == "xyz")
        }
    }

    @Test func deletingTheIntegrationStopsItsTokens() throws {
        let harness = try H()
        let token = harness.accessToken()
        #expect(harness.mcp(token, method: "tools/list").status == .ok)
        let integration = try #require(harness.app.integrations.integration(clientId: H.ciClientID))
        let deleted = harness.send(.delete, "/admin/api/integrations/\(integration.id)", headers: ["Authorization": "Bearer test-admin-token"])
        #expect(deleted.status == .noContent)
        let after = harness.mcp(token, method: "tools/list")
        #expect(after.status == .unauthorized)
        #expect(after.headers["WWW-Authenticate"]?.contains("invalid_token") == true)
    }

    @Test(arguments: CreditExhaustionMode.allCases)
    func exhaustedCreditsRefuseWithoutCharging(mode: CreditExhaustionMode) throws {
        var options = GongMockOptions()
        options.creditExhaustion = mode
        let harness = try H(options: options)
        try harness.app.ledger.setCredits(balance: 0.5, total: 100)
        let token = harness.accessToken()
        let (response, body) = harness.callTool(token, "ask_account", ["accountId": .string(H.altamira), "question": "pricing?",
                                                                       "timePeriod": "ALL_CONVERSATIONS"])
        switch mode {
        case .toolError:
            #expect(body["result"]?["isError"]?.boolValue == true)
            #expect(body["result"]?["structuredContent"]?["error"]?.stringValue == "Insufficient Gong credits")
        case .jsonRPCError:
            #expect(body["error"]?["code"]?.intValue == -32000)
        case .http402:
            #expect(response.status == .paymentRequired)
            #expect(body["errors"]?[0]?.stringValue == "Insufficient Gong credits")
        case .http429:
            #expect(response.status == .tooManyRequests)
            #expect(response.headers["Retry-After"] == "3600")
        }
        #expect(harness.app.ledger.balance == CreditAmount(credits: 0.5))
        #expect(harness.app.ledger.usageRows.isEmpty)
    }

    @Test func concurrentCallsNeverOverdrawThePool() async throws {
        let harness = try H()
        try harness.app.ledger.setCredits(balance: 200, total: 200)
        let token = harness.accessToken()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<24 {
                group.addTask {
                    _ = harness.callTool(token, "ask_account", ["accountId": .string(H.altamira), "question": "pricing?", "timePeriod": "ALL_CONVERSATIONS"])
                }
            }
        }
        let rows = harness.app.ledger.usageRows
        let spent = rows.reduce(CreditAmount.zero) { $0 + $1.creditsUsed }
        #expect(harness.app.ledger.balance >= .zero)
        #expect(harness.app.ledger.balance + spent == CreditAmount(credits: 200))
        #expect(!rows.isEmpty)
    }
}

/// `--mcp-response sse`: a tools/call with a progressToken streams progress and a log message
/// before the result (MCP 2025-11-25 "Progress", "Logging"; issue #5 §3).
@Suite struct GongMockSSETests {
    typealias H = GongMockHarness

    @Test func toolCallStreamsProgressThenTheResult() throws {
        var options = GongMockOptions()
        options.responseMode = .sse
        let harness = try H(options: options)
        let token = harness.accessToken()
        let response = harness.mcp(token, method: "tools/call", params: [
            "name": "ask_account", "_meta": ["progressToken": "p-1"],
            "arguments": ["accountId": .string(H.altamira), "question": "pricing?", "timePeriod": "ALL_CONVERSATIONS"]])
        #expect(response.headers["Content-Type"]?.hasPrefix("text/event-stream") == true)
        let text = CollectingStreamWriter.body(of: response)
        let events = text.components(separatedBy: "\n").filter { $0.hasPrefix("data: {") }.map { String($0.dropFirst(6)) }
        let methods = events.compactMap { try? JSONParser.parse($0)["method"]?.stringValue }
        #expect(methods.filter { $0 == "notifications/progress" }.count == 3)
        let progress = events.compactMap { try? JSONParser.parse($0) }.filter { $0["method"]?.stringValue == "notifications/progress" }
        #expect(progress.compactMap { $0["params"]?["progress"]?.intValue } == [0, 1, 2])
        #expect(progress.allSatisfy { $0["params"]?["progressToken"]?.stringValue == "p-1" })
        let last = try JSONParser.parse(events.last ?? "")
        #expect(last["id"]?.intValue == 2)
        #expect(last["result"]?["structuredContent"]?["answer"] != nil)
    }
}
