import Essentials
import HTTPServer
import Testing
@testable import MCP

/// Tool registry, `tools/list` paging and `tools/call` outcomes (mcp.md §10, checklist 40–41, 3).
@Suite struct ToolsTests {
    static func numberedTools(_ count: Int) -> [MCPTool] {
        (0..<count).map { echoTool("tool_\($0)") }
    }

    @Test func listPagesWithOpaqueCursorsUntilTheEnd() throws {
        var client = TestClient(try makeEndpoint({ $0.toolsPageSize = 2 }, tools: Self.numberedTools(5)))
        client.initialize()
        var names: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let params: JSONValue? = cursor.map { ["cursor": .string($0)] }
            let reply = client.call("tools/list", params)
            let result = try #require(reply?["result"])
            names += (result["tools"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
            cursor = result["nextCursor"]?.stringValue
            if let cursor { #expect(!cursor.contains("2"), "cursor \(cursor) should not read as a page number") }
            pages += 1
        } while cursor != nil && pages < 10
        #expect(pages == 3)
        #expect(names == (0..<5).map { "tool_\($0)" })
    }

    @Test(arguments: ["bogus", "", "dG9vbHMvbGlzdDowOjk5"])
    func badCursorIsInvalidParams(_ cursor: String) throws {
        var client = TestClient(try makeEndpoint({ $0.toolsPageSize = 2 }, tools: Self.numberedTools(5)))
        client.initialize()
        #expect(client.call("tools/list", ["cursor": .string(cursor)])?["error"]?["code"] == -32602)
    }

    @Test func emptyRegistryListsNothing() throws {
        var client = TestClient(try makeEndpoint(tools: []))
        client.initialize()
        let result = client.call("tools/list")?["result"]
        #expect(result?["tools"] == .array([]))
        #expect(result?["nextCursor"] == nil)
    }

    @Test func toolDefinitionPerRevision() throws {
        let tool = MCPTool(name: "report", title: "Report", description: "Builds a report.",
                           outputSchema: ["type": "object"], annotations: MCPToolAnnotations(readOnlyHint: true),
                           additionalFields: JSONObject([("_meta", ["k": "v"])])) { _ in .result(.structured(["a": 1])) }
        for (version, modern) in [("2025-03-26", false), ("2025-06-18", true), ("2025-11-25", true)] {
            var client = TestClient(try makeEndpoint(tools: [tool]))
            client.initialize(version: version)
            let listReply = client.call("tools/list")
            let listed = try #require(listReply?["result"]?["tools"]?.arrayValue?.first)
            #expect(listed["name"] == "report")
            #expect(listed["description"] == "Builds a report.")
            #expect(listed["inputSchema"] == ["type": "object", "additionalProperties": false])
            #expect(listed["annotations"]?["readOnlyHint"] == true)
            #expect(listed["_meta"]?["k"] == "v")
            #expect((listed["title"] != nil) == modern)
            #expect((listed["outputSchema"] != nil) == modern)
            let callReply = client.call("tools/call", ["name": "report"])
            let result = try #require(callReply?["result"])
            #expect(result["content"]?[0]?["text"] == #"{"a":1}"#)
            #expect((result["structuredContent"] != nil) == modern)
        }
    }

    @Test(arguments: [
        ("", "1 to 64"), (String(repeating: "a", count: 65), "1 to 64"), ("has space", "may only contain"),
        ("slash/name", "may only contain"), ("ünï", "may only contain"),
    ])
    func invalidToolNamesAreRefused(_ name: String, _ explanation: String) {
        #expect(throws: MCPConfigurationError.self) { try makeEndpoint(tools: [echoTool(name)]) }
        #expect(echoTool(name).validationProblem()?.contains(explanation) == true)
    }

    @Test func validNamesAndDuplicates() throws {
        #expect(echoTool("a.b-c_D9").validationProblem() == nil)
        #expect(echoTool(String(repeating: "x", count: 64)).validationProblem() == nil)
        #expect(throws: MCPConfigurationError("tool name \"echo\" is registered twice")) { try makeEndpoint(tools: [echoTool(), echoTool()]) }
        let bad = MCPTool(name: "bad", description: "x", inputSchema: ["type": "string"]) { _ in .result(.text("")) }
        #expect(throws: MCPConfigurationError.self) { try makeEndpoint(tools: [bad]) }
    }

    @Test func callOutcomes() throws {
        let tools = [
            echoTool(),
            MCPTool(name: "fails", description: "Always a protocol error.") { _ in .protocolError(code: -32603, message: "upstream down", data: ["retry": true]) },
            MCPTool(name: "broke", description: "Out of credits.") { _ in
                .httpResponse(HTTPResponse(status: .tooManyRequests, headers: ["Retry-After": "30"], bytes: Array("slow down".utf8)))
            },
        ]
        var client = TestClient(try makeEndpoint(tools: tools))
        client.initialize()
        let ok = client.call("tools/call", ["name": "echo", "arguments": ["text": "hello"]])
        #expect(ok?["result"]?["content"] == [["type": "text", "text": "hello"]])
        #expect(ok?["result"]?["isError"] == false)
        let bad = client.call("tools/call", ["name": "echo", "arguments": [:]])
        #expect(bad?["result"]?["isError"] == true)
        #expect(bad?["result"]?["content"]?[0]?["text"] == "text is required")
        let noArguments = client.call("tools/call", ["name": "echo"])
        #expect(noArguments?["result"]?["isError"] == true, "absent arguments reach the tool as {}")
        let protocolError = client.call("tools/call", ["name": "fails", "arguments": [:]])
        #expect(protocolError?["error"] == ["code": -32603, "message": "upstream down", "data": ["retry": true]])
        let http = client.post(#"{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"broke","arguments":{}}}"#)
        #expect(http.status.code == 429)
        #expect(http.headers["Retry-After"] == "30")
        #expect(http.bodyText == "slow down")
    }

    @Test func invocationCarriesContext() throws {
        let seen = SeenInvocation()
        let tool = MCPTool(name: "probe", description: "Records its invocation.") { invocation in
            seen.record(invocation)
            return .result(.text("ok"))
        }
        var client = TestClient(try makeEndpoint(tools: [tool], authenticator: FakeAuthenticator()))
        client.extraHeaders = ["Authorization": "Bearer token-alice|read"]
        client.initialize(version: "2025-06-18")
        _ = client.call("tools/call", ["name": "probe", "arguments": ["x": 1], "_meta": ["progressToken": "tok"]])
        let invocation = try #require(seen.value)
        #expect(invocation.toolName == "probe")
        #expect(invocation.arguments["x"] == 1)
        #expect(invocation.principal?.subject == "alice")
        #expect(invocation.sessionID == client.sessionID)
        #expect(invocation.protocolVersion == "2025-06-18")
        #expect(invocation.progressToken == "tok")
        #expect(invocation.requestID == .number(1))
        #expect(!invocation.canNotify, "JSON response mode has no channel for notifications")
        invocation.reportProgress(progress: 1)
        #expect(!invocation.isCancelled)
    }

    @Test func insufficientScopeIs403WithStepUpChallenge() throws {
        let tool = echoTool("ask_deal", scopes: ["mcp:ai-ask:read"])
        let endpoint = try makeEndpoint({ $0.resourceMetadataURL = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp" },
                                        tools: [tool], authenticator: FakeAuthenticator())
        var client = TestClient(endpoint)
        client.extraHeaders = ["Authorization": "Bearer token-bob|mcp:ai-briefer:read|offline"]
        client.initialize()
        let listed = client.call("tools/list")?["result"]?["tools"]?.arrayValue
        #expect(listed?.count == 1, "tools/list shows every tool regardless of scope")
        let response = client.post(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"ask_deal","arguments":{"text":"x"}}}"#)
        #expect(response.status.code == 403)
        #expect(response.headers["WWW-Authenticate"] == #"Bearer error="insufficient_scope", scope="mcp:ai-ask:read mcp:ai-briefer:read offline", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp", error_description="The access token lacks the scope required by tool ask_deal: mcp:ai-ask:read""#)
        #expect(response.json?["error"] == "insufficient_scope")
        #expect(response.headers["Content-Type"] == "application/json")

        client.extraHeaders = ["Authorization": "Bearer token-bob|mcp:ai-ask:read"]
        client.initialize()
        #expect(client.call("tools/call", ["name": "ask_deal", "arguments": ["text": "x"]])?["result"]?["content"]?[0]?["text"] == "x")
    }
}

final class SeenInvocation: Sendable {
    private let storage = Mutex<MCPToolInvocation?>(nil)
    func record(_ invocation: MCPToolInvocation) { storage.withLock { $0 = invocation } }
    var value: MCPToolInvocation? { storage.withLock { $0 } }
}

import Synchronization
