import Essentials
import HTTPServer
import Testing
@testable import MCP

/// Dual-era endpoints (`--protocol dual`: 2026-07-28 "Versioning" §Backward Compatibility: the
/// era is chosen per request), the legacy endpoint's refusal of modern requests, and the modern
/// request-scoped streams (logging by `_meta` level, progress, `subscriptions/listen`).
@Suite struct DualEraTests {
    @Test func legacySessionAndModernRequestsFromTheSameClientBothWork() throws {
        let endpoint = try makeEndpoint(mode: .dual)
        var legacy = TestClient(endpoint)
        let initialize = legacy.initialize(version: "2025-11-25")
        #expect(initialize.json?["result"]?["protocolVersion"] == "2025-11-25")
        #expect(legacy.sessionID != nil)
        let modern = ModernClient(endpoint)
        let discover = modern.send("server/discover")
        #expect(discover.json?["result"]?["supportedVersions"] == ["2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26"])
        #expect(discover.headers["Mcp-Session-Id"] == nil)
        #expect(modern.callTool("echo", arguments: ["text": "modern"]).json?["result"]?["resultType"] == "complete")
        let legacyCall = legacy.call("tools/call", ["name": "echo", "arguments": ["text": "legacy"]])
        #expect(legacyCall?["result"]?["content"]?[0]?["text"] == "legacy")
        #expect(legacyCall?["result"]?["resultType"] == nil, "a legacy result has no resultType")
        #expect(legacy.call("ping")?["result"] == [:])
        #expect(modern.send("ping").status.code == 404, "ping exists only in the legacy era")
    }

    @Test func unsupportedModernVersionListsLegacyOnesTooAndIsAModernError() throws {
        var probe = ModernClient(try makeEndpoint(mode: .dual))
        probe.version = "2027-01-01"
        let response = probe.send("server/discover")
        #expect(response.status.code == 400)
        #expect(response.json?["error"]?["code"] == -32022)
        #expect(response.json?["error"]?["data"]?["supported"]?[3] == "2025-03-26")
    }

    @Test func legacyEndpointRefusesModernRequestsTheWayDualClientsFallBackFrom() throws {
        let endpoint = try makeEndpoint(mode: .legacy)
        let response = ModernClient(endpoint).send("server/discover", id: "probe-1")
        #expect(response.status.code == 400)
        #expect(response.json?["id"] == "probe-1")
        #expect(response.json?["error"]?["code"] == -32601)
        let code = response.json?["error"]?["code"]?.intValue ?? 0
        #expect(!(-32022 ... -32020).contains(code), "never a recognised modern error")
    }

    @Test func legacyRefusalIsTheEmbeddersPolicy() throws {
        let endpoint = try makeEndpoint(mode: .legacy) { configuration in
            configuration.modernRequestRefusal = { request in
                .text("no \(request.method) here; asked for \(request.requestedVersion ?? "-")\n", status: .badRequest)
            }
        }
        let response = ModernClient(endpoint).send("tools/list")
        #expect(response.status.code == 400)
        #expect(response.bodyText == "no tools/list here; asked for 2026-07-28\n")
    }

    @Test func modernDiscoverWithoutTokenGetsTheChallengeFirstInEveryMode() throws {
        for mode in MCPProtocolMode.allCases {
            let endpoint = try makeEndpoint(mode: mode, authenticator: FakeAuthenticator())
            #expect(ModernClient(endpoint).send("server/discover").status.code == 401, "\(mode)")
        }
    }

    @Test func logNotificationsOnlyWhenTheRequestAsksForALevel() throws {
        let endpoint = try makeEndpoint(mode: .modern, { $0.responseMode = .sse }, tools: [SSEModeTests.progressTool])
        let client = ModernClient(endpoint)
        let silent = parseEvents(client.callTool("slow").drain().text)
        #expect(!silent.contains { $0.json?["method"] == "notifications/message" })
        #expect(silent.last?.json?["result"]?["resultType"] == "complete")

        var meta = client.meta()
        meta["io.modelcontextprotocol/logLevel"] = "warning"
        meta["progressToken"] = "p"
        let response = client.callTool("slow", meta: meta)
        #expect(response.headers["X-Accel-Buffering"] == "no")
        let events = parseEvents(response.drain().text)
        let logs = events.filter { $0.json?["method"] == "notifications/message" }
        #expect(logs.count == 1)
        #expect(logs.first?.json?["params"]?["level"] == "warning")
        #expect(events.filter { $0.json?["method"] == "notifications/progress" }.count == 3)
        #expect(events.allSatisfy { $0.id == nil }, "2026-07-28 streams are not resumable: no event ids, no priming event")
        #expect(events.last?.json?["id"] == 1)
    }

    @Test func badLogLevelIsInvalidParams() throws {
        let client = ModernClient(try makeEndpoint(mode: .modern))
        var meta = client.meta()
        meta["io.modelcontextprotocol/logLevel"] = "loud"
        let response = client.send("tools/list", meta: meta)
        #expect(response.status.code == 400)
        #expect(response.json?["error"]?["code"] == -32602)
    }

    @Test func listenAcknowledgesFirstAndDeliversOnlyWhatWasAskedFor() throws {
        let endpoint = try makeEndpoint(mode: .modern)
        let client = ModernClient(endpoint)
        let tools = client.send("subscriptions/listen", id: 9, params: ["notifications": ["toolsListChanged": true]])
        #expect(tools.headers["Content-Type"] == "text/event-stream")
        let toolsWriter = tools.drain()
        let prompts = client.send("subscriptions/listen", id: 10, params: ["notifications": ["promptsListChanged": true]])
        let promptsWriter = prompts.drain()
        #expect(endpoint.openSubscriptions == 2)
        #expect(endpoint.notifyToolsListChanged() == 1)

        let events = parseEvents(toolsWriter.text)
        #expect(events.first?.json?["method"] == "notifications/subscriptions/acknowledged")
        #expect(events.first?.json?["params"]?["_meta"]?["io.modelcontextprotocol/subscriptionId"] == 9)
        #expect(events.first?.json?["params"]?["notifications"] == ["toolsListChanged": true])
        #expect(events.last?.json?["method"] == "notifications/tools/list_changed")
        #expect(events.last?.json?["params"]?["_meta"]?["io.modelcontextprotocol/subscriptionId"] == 9)

        let narrow = parseEvents(promptsWriter.text)
        #expect(narrow.count == 1, "only the acknowledgement: prompts are not offered, tools were not asked for")
        #expect(narrow.first?.json?["params"]?["notifications"] == [:])
        #expect(!toolsWriter.finished, "the stream stays open")
        toolsWriter.close()
        promptsWriter.close()
        #expect(endpoint.openSubscriptions == 0, "closing the stream ends the subscription")
    }
}
