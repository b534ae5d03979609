import Essentials
import HTTPServer
import MCP
import Testing
@testable import GongMock

/// `--protocol legacy|dual|modern` through the whole mock: the bearer gate, scopes and credits
/// behave the same in every era; legacy answers a modern request with Gong's policy.
@Suite struct GongMockProtocolTests {
    typealias H = GongMockHarness

    static func harness(_ mode: MCPProtocolMode) throws -> GongMockHarness {
        var options = GongMockOptions()
        options.protocolMode = mode
        return try GongMockHarness(options: options)
    }

    @Test(arguments: MCPProtocolMode.allCases)
    func discoverWithoutTokenGetsGongsChallengeFirst(_ mode: MCPProtocolMode) throws {
        let response = try Self.harness(mode).modernMCP(nil, method: "server/discover")
        #expect(response.status.code == 401)
        #expect(response.headers["WWW-Authenticate"]?.contains("resource_metadata") == true)
    }

    @Test func legacyModeRefusesDiscoverSoDualClientsFallBack() throws {
        let harness = try Self.harness(.legacy)
        let response = harness.modernMCP(harness.accessToken(), method: "server/discover", id: 41)
        let body = H.json(response)
        #expect(response.status.code == 400)
        #expect(body["id"] == 41)
        #expect(body["error"]?["code"] == -32601)
        #expect(body["error"]?["message"]?.stringValue?.contains("--protocol dual") == true)
    }

    @Test(arguments: [MCPProtocolMode.dual, .modern])
    func modernToolCallChargesCreditsLikeALegacyOne(_ mode: MCPProtocolMode) throws {
        let harness = try Self.harness(mode)
        let token = harness.accessToken()
        let discover = H.json(harness.modernMCP(token, method: "server/discover"))
        #expect(discover["result"]?["supportedVersions"]?[0] == "2026-07-28")
        #expect(discover["result"]?["instructions"]?.stringValue?.contains("Gong") == true)
        let list = H.json(harness.modernMCP(token, method: "tools/list"))
        #expect(list["result"]?["cacheScope"] == "public")
        #expect(list["result"]?["tools"]?[0]?["name"] == "ask_account")
        let before = harness.app.ledger.balance
        let call = H.json(harness.modernMCP(token, method: "tools/call", params: [
            "name": "ask_account", "arguments": ["accountId": .string(H.altamira), "question": "What did they say about pricing?",
                                                 "timePeriod": "ALL_CONVERSATIONS"]]))
        #expect(call["result"]?["resultType"] == "complete")
        #expect(call["result"]?["isError"] == false)
        #expect(harness.app.ledger.balance < before)
    }

    @Test func modernScopeRefusalIsTheSame403() throws {
        let harness = try Self.harness(.modern)
        let token = harness.accessToken(clientID: H.askOnlyClientID, secret: H.askOnlySecret)
        let response = harness.modernMCP(token, method: "tools/call", params: ["name": "generate_brief", "arguments": [:]])
        #expect(response.status.code == 403)
        #expect(response.headers["WWW-Authenticate"]?.contains("insufficient_scope") == true)
    }

    /// The journal's view of a 2026-07-28 exchange: method, version and the modern error code.
    @Test func modernRequestsFillTheRequestOutcome() throws {
        let harness = try Self.harness(.dual)
        let token = harness.accessToken()
        func outcome(_ headers: HTTPHeaders) throws -> MCPRequestOutcome? {
            let body: JSONValue = ["jsonrpc": "2.0", "id": 5, "method": "tools/list",
                                   "params": ["_meta": ["io.modelcontextprotocol/protocolVersion": "2026-07-28",
                                                        "io.modelcontextprotocol/clientCapabilities": [:]]]]
            var all: HTTPHeaders = ["Host": "127.0.0.1:7777", "Authorization": "Bearer \(token)", "Content-Type": "application/json",
                                    "Accept": "application/json, text/event-stream", "MCP-Protocol-Version": "2026-07-28"]
            for field in headers { all.add(field.name, field.value) }
            let context = RequestContext(remoteAddress: "127.0.0.1:1")
            _ = try harness.app.responder.respond(to: HTTPRequest(method: .post, target: "/mcp", headers: all, body: JSONSerializer.bytes(body)),
                                                  context: context)
            return context.outcome[MCPRequestOutcome.self]
        }
        let served = try outcome(["Mcp-Method": "tools/list"])
        #expect(served?.rpcMethod == "tools/list")
        #expect(served?.protocolVersion == "2026-07-28")
        #expect(served?.errorCode == nil)
        #expect(served?.principal != nil)
        let mismatched = try outcome(["Mcp-Method": "tools/call"])
        #expect(mismatched?.errorCode == -32020)
    }
}
