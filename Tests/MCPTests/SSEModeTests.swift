import Essentials
import HTTPServer
import Synchronization
import Testing
@testable import MCP

/// SSE response mode, progress, logging and cancellation (mcp.md §9–§10, checklist 28, 42–44).
@Suite struct SSEModeTests {
    static let progressTool = MCPTool(name: "slow", description: "Reports progress and logs.") { invocation in
        invocation.log(level: .debug, logger: "slow", data: "starting")
        for step in 1...3 { invocation.reportProgress(progress: Double(step), total: 3, message: "step \(step)") }
        invocation.reportProgress(progress: 2, total: 3)  // not increasing: dropped
        invocation.log(level: .warning, data: ["note": "almost done"])
        return .result(.text("done"))
    }

    func sseClient(_ version: String = "2025-11-25", tools: [MCPTool] = [progressTool]) throws -> (TestClient, MCPEndpoint) {
        let endpoint = try makeEndpoint({ $0.responseMode = .sse; $0.sseRetryMilliseconds = 2000 }, tools: tools)
        var client = TestClient(endpoint)
        let initialize = client.initialize(version: version)
        let events = parseEvents(initialize.drain().text)
        #expect(events.last?.json?["result"]?["protocolVersion"] == .string(version))
        return (client, endpoint)
    }

    @Test func eventSequencePrimingProgressLogsResponse() throws {
        let (client, _) = try sseClient()
        let response = client.post(#"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"slow","arguments":{},"_meta":{"progressToken":"p1"}}}"#)
        #expect(response.status.code == 200)
        #expect(response.headers["Content-Type"] == "text/event-stream")
        #expect(response.headers["Cache-Control"] == "no-cache, no-transform")
        #expect(response.headers["Mcp-Session-Id"] == client.sessionID)
        let writer = response.drain()
        #expect(writer.finished)
        let events = parseEvents(writer.text)
        #expect(events.count == 7)
        #expect(events[0].data == "")
        #expect(events[0].retry == "2000")
        #expect(events[0].id != nil)
        #expect(events[1].json?["method"] == "notifications/message")
        #expect(events[1].json?["params"] == ["level": "debug", "logger": "slow", "data": "starting"])
        for step in 1...3 {
            let params = events[1 + step].json?["params"]
            #expect(events[1 + step].json?["method"] == "notifications/progress")
            #expect(params?["progressToken"] == "p1")
            #expect(params?["progress"]?.intValue == step)
            #expect(params?["total"] == 3)
            #expect(params?["message"] == .string("step \(step)"))
        }
        #expect(events[5].json?["params"]?["level"] == "warning")
        #expect(events[6].json?["id"] == 7)
        #expect(events[6].json?["result"]?["content"]?[0]?["text"] == "done")
        let ids = events.compactMap(\.id)
        #expect(Set(ids).count == ids.count, "event ids are unique")
        #expect(events.dropFirst().allSatisfy { $0.event == "message" })
    }

    @Test func eventIdsStayUniqueAcrossStreamsOfASession() throws {
        let (client, _) = try sseClient()
        var ids: [String] = []
        for id in 1...3 {
            let events = parseEvents(client.post(#"{"jsonrpc":"2.0","id":\#(id),"method":"ping"}"#).drain().text)
            ids += events.compactMap(\.id)
        }
        #expect(ids.count == 6)
        #expect(Set(ids).count == 6)
    }

    @Test func noProgressWithoutToken() throws {
        let (client, _) = try sseClient()
        let events = parseEvents(client.post(#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"slow","arguments":{}}}"#).drain().text)
        #expect(!events.contains { $0.json?["method"] == "notifications/progress" })
    }

    @Test func loggingSetLevelFiltersMessages() throws {
        var (client, _) = try sseClient()
        _ = client
        let set = parseEvents(client.post(#"{"jsonrpc":"2.0","id":1,"method":"logging/setLevel","params":{"level":"warning"}}"#).drain().text)
        #expect(set.last?.json?["result"] == .object(JSONObject()))
        let events = parseEvents(client.post(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"slow","arguments":{}}}"#).drain().text)
        let levels = events.compactMap { $0.json?["params"]?["level"]?.stringValue }
        #expect(levels == ["warning"])
        client.nextID = 3
    }

    @Test func olderRevisionGetsNoPrimingEvent() throws {
        let (client, _) = try sseClient("2025-06-18")
        let events = parseEvents(client.post(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#).drain().text)
        #expect(events.count == 1)
        #expect(events[0].json?["result"] == .object(JSONObject()))
    }

    @Test func streamStopsWhenPeerIsGone() throws {
        let (client, _) = try sseClient()
        let response = client.post(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#)
        let writer = RecordingStreamWriter()
        writer.close()
        if case .stream(let producer) = response.body { producer.start(writer) }
        #expect(writer.writes.isEmpty)
    }

    @Test func cancellationSuppressesTheResponse() throws {
        // The handler receives the client's notifications/cancelled while it runs (here: it
        // delivers it itself, standing in for a concurrent POST) and sees isCancelled.
        let holder = EndpointHolder()
        let cancellable = MCPTool(name: "long", description: "Waits for cancellation.") { invocation in
            invocation.reportProgress(progress: 0.5)
            let cancel = #"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":\#(invocation.requestID),"reason":"user"}}"#
            let ack = holder.client?.post(cancel)
            #expect(ack?.status.code == 202)
            #expect(invocation.isCancelled)
            return .result(.text("too late"))
        }
        let (client, _) = try sseClient(tools: [cancellable])
        holder.client = client
        let events = parseEvents(client.post(#"{"jsonrpc":"2.0","id":"c1","method":"tools/call","params":{"name":"long","_meta":{"progressToken":1}}}"#).drain().text)
        #expect(!events.contains { $0.json?["id"] == "c1" }, "no response for a cancelled request")
        #expect(events.contains { $0.json?["method"] == "notifications/progress" })
        // Unknown ids and initialize's id are ignored.
        #expect(client.post(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":0}}"#).status.code == 202)
        #expect(client.post(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"nope"}}"#).status.code == 202)
    }

    @Test func cancellationInJSONModeAnswers202WithoutBody() throws {
        let holder = EndpointHolder()
        let cancellable = MCPTool(name: "long", description: "Cancelled mid-way.") { invocation in
            _ = holder.client?.post(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":\#(invocation.requestID)}}"#)
            return .result(.text("too late"))
        }
        for stateful in [true, false] {
            var client = TestClient(try makeEndpoint({ $0.statefulSessions = stateful }, tools: [cancellable]))
            client.initialize()
            holder.client = client
            let response = client.post(#"{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"long"}}"#)
            #expect(response.status.code == 202, "stateful=\(stateful)")
            #expect(response.bodyBytes.isEmpty)
        }
    }

    @Test func deletingTheSessionCancelsRunningCalls() throws {
        let holder = EndpointHolder()
        let tool = MCPTool(name: "long", description: "Session deleted mid-way.") { invocation in
            _ = holder.client?.send(.delete)
            return .result(.text(invocation.isCancelled ? "cancelled" : "finished"))
        }
        var client = TestClient(try makeEndpoint(tools: [tool]))
        client.initialize()
        holder.client = client
        #expect(client.post(#"{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"long"}}"#).status.code == 202)
    }
}

final class EndpointHolder: Sendable {
    private let storage = Mutex<TestClient?>(nil)
    var client: TestClient? {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
