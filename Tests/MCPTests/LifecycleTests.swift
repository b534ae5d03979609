import Essentials
import HTTPServer
import Testing
@testable import MCP

/// Initialize, negotiation, sessions (mcp.md §9–§10, checklist 29–31, 37–38).
@Suite struct LifecycleTests {
    @Test(arguments: ["2025-03-26", "2025-06-18", "2025-11-25"])
    func supportedVersionIsEchoed(_ version: String) throws {
        var client = TestClient(try makeEndpoint())
        let response = client.initialize(version: version)
        let result = try #require(response.json?["result"])
        #expect(result["protocolVersion"] == .string(version))
        #expect(result["capabilities"]?["tools"]?["listChanged"] == false)
        #expect(result["capabilities"]?["logging"] == .object(JSONObject()))
        #expect(result["serverInfo"]?["name"] == "test-server")
        #expect(result["serverInfo"]?["version"] == "1.0.0")
        #expect(result["serverInfo"]?["title"] == (version == "2025-03-26" ? nil : "Test Server"))
        #expect(result["instructions"] == "Use the tools.")
        #expect(response.json?["id"] == 0)
    }

    @Test(arguments: ["2024-11-05", "2026-07-28", "1999-01-01", "banana"])
    func unknownVersionGetsLatest(_ version: String) throws {
        var client = TestClient(try makeEndpoint())
        let response = client.initialize(version: version)
        #expect(response.status.code == 200)
        #expect(response.json?["result"]?["protocolVersion"] == "2025-11-25")
    }

    @Test func initializeWithoutProtocolVersionIsInvalidParams() throws {
        let client = TestClient(try makeEndpoint())
        let response = client.post(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#)
        #expect(response.json?["error"]?["code"] == -32602)
        #expect(response.headers["Mcp-Session-Id"] == nil)
    }

    @Test func sessionIdIsVisibleASCIIAndUnique() throws {
        let endpoint = try makeEndpoint()
        var ids = Set<String>()
        for _ in 0..<50 {
            var client = TestClient(endpoint)
            client.initialize()
            let id = try #require(client.sessionID)
            #expect(id.utf8.count >= 32)
            #expect(id.utf8.allSatisfy { (0x21...0x7E).contains($0) })
            ids.insert(id)
        }
        #expect(ids.count == 50)
        #expect(endpoint.sessions.count == 50)
    }

    @Test func lifecycleInitializeUseDeleteThen404() throws {
        let endpoint = try makeEndpoint()
        var client = TestClient(endpoint)
        client.initialize()
        #expect(endpoint.sessions.session(client.sessionID ?? "")?.isInitialized == true)
        #expect(client.call("ping")?["result"] == .object(JSONObject()))
        let delete = client.send(.delete)
        #expect(delete.status.code == 200)
        let after = client.post(#"{"jsonrpc":"2.0","id":9,"method":"ping"}"#)
        #expect(after.status.code == 404)
        #expect(after.json?["error"]?["message"]?.stringValue?.contains("terminated") == true)
        #expect(client.send(.delete).status.code == 404)
        // Re-initializing without the old id starts afresh.
        client.sessionID = nil
        client.initialize()
        #expect(client.call("ping")?["result"] != nil)
    }

    @Test func sessionExpiresAfterIdleTimeoutByInjectedClock() throws {
        let clock = ManualClock()
        let endpoint = try makeEndpoint({ $0.sessionIdleTimeout = 60 }, clock: clock)
        var client = TestClient(endpoint)
        client.initialize()
        clock.advance(by: 59)
        #expect(client.post(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#).status.code == 200)
        clock.advance(by: 59)
        #expect(client.post(#"{"jsonrpc":"2.0","id":2,"method":"ping"}"#).status.code == 200, "use resets the idle timer")
        clock.advance(by: 61)
        let expired = client.post(#"{"jsonrpc":"2.0","id":3,"method":"ping"}"#)
        #expect(expired.status.code == 404)
        #expect(expired.json?["error"]?["message"]?.stringValue?.contains("expired") == true)
    }

    @Test func sessionIsBoundToItsPrincipal() throws {
        let endpoint = try makeEndpoint(authenticator: FakeAuthenticator())
        var alice = TestClient(endpoint)
        alice.extraHeaders = ["Authorization": "Bearer token-alice"]
        alice.initialize()
        #expect(alice.call("ping")?["result"] != nil)
        var mallory = alice
        mallory.extraHeaders = ["Authorization": "Bearer token-mallory"]
        #expect(mallory.post(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#).status.code == 404)
        #expect(mallory.send(.delete).status.code == 404)
        #expect(alice.call("ping")?["result"] != nil, "the owner's session survives")
    }

    @Test func sessionCapEvictsLeastRecentlyUsed() throws {
        let clock = ManualClock()
        let endpoint = try makeEndpoint({ $0.maximumSessions = 2 }, clock: clock)
        var first = TestClient(endpoint)
        first.initialize()
        clock.advance(by: 1)
        var second = TestClient(endpoint)
        second.initialize()
        clock.advance(by: 1)
        var third = TestClient(endpoint)
        third.initialize()
        #expect(first.post(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#).status.code == 404)
        #expect(second.post(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#).status.code == 200)
        #expect(third.post(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#).status.code == 200)
    }

    @Test func pingBeforeInitializedNotificationAndAnyTime() throws {
        let endpoint = try makeEndpoint()
        let client = TestClient(endpoint)
        let response = client.post(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25"}}"#)
        var session = client
        session.sessionID = response.headers["Mcp-Session-Id"]
        #expect(session.post(#"{"jsonrpc":"2.0","id":"p","method":"ping"}"#).json?["result"] == .object(JSONObject()))
    }

    @Test func requestBeforeInitializeIsRefused() throws {
        let client = TestClient(try makeEndpoint())
        let response = client.post(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#)
        #expect(response.status.code == 400)
        #expect(response.json?["error"]?["message"]?.stringValue?.contains("initialize") == true)
    }

    @Test func getStreamPrimesKeepsAliveAndEndsOnDelete() throws {
        let endpoint = try makeEndpoint { $0.keepAliveInterval = .seconds(10); $0.sseRetryMilliseconds = 1500 }
        var client = TestClient(endpoint)
        client.initialize()
        let response = client.send(.get)
        #expect(response.status.code == 200)
        #expect(response.headers["Content-Type"] == "text/event-stream")
        let writer = response.drain()
        let priming = parseEvents(writer.text)
        #expect(priming.count == 1)
        #expect(priming.first?.data == "")
        #expect(priming.first?.id == "0-1")
        #expect(priming.first?.retry == "1500")
        #expect(writer.scheduledDelays == [.seconds(10)])
        writer.runScheduled()
        #expect(writer.text.hasSuffix(": keep-alive\n\n"))
        #expect(endpoint.notify(sessionID: client.sessionID ?? "", method: "notifications/message", params: ["level": "info", "data": "hi"]))
        let events = parseEvents(writer.text)
        #expect(events.last?.json?["method"] == "notifications/message")
        #expect(events.last?.id == "0-2")
        // A second GET while this one is open conflicts; after it closes, a new one may open.
        #expect(client.send(.get).status.code == 409)
        #expect(client.send(.delete).status.code == 200)
        #expect(writer.finished, "deleting the session ends its GET stream")
        #expect(!endpoint.notify(sessionID: client.sessionID ?? "", method: "x", params: nil))
    }

    @Test func getStreamSlotFreesWhenPeerCloses() throws {
        var client = TestClient(try makeEndpoint())
        client.initialize()
        let writer = client.send(.get).drain()
        writer.close()
        #expect(client.send(.get).status.code == 200)
    }

    @Test func noPrimingEventForOlderRevisions() throws {
        var client = TestClient(try makeEndpoint())
        client.initialize(version: "2025-06-18")
        let writer = client.send(.get).drain()
        #expect(writer.text.isEmpty)
        #expect(writer.isOpen)
    }

    @Test func expiredSessionEndsItsGetStream() throws {
        let clock = ManualClock()
        let endpoint = try makeEndpoint({ $0.sessionIdleTimeout = 60 }, clock: clock)
        var client = TestClient(endpoint)
        client.initialize()
        let writer = client.send(.get).drain()
        writer.runScheduled()
        #expect(writer.isOpen)
        clock.advance(by: 61)
        #expect(endpoint.sessions.sweep() == 1)
        #expect(writer.finished)
        #expect(client.post(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#).status.code == 404)
    }

    @Test func openGetStreamKeepsSessionAlive() throws {
        let clock = ManualClock()
        let endpoint = try makeEndpoint({ $0.sessionIdleTimeout = 60 }, clock: clock)
        var client = TestClient(endpoint)
        client.initialize()
        let writer = client.send(.get).drain()
        for _ in 0..<5 {
            clock.advance(by: 30)
            writer.runScheduled()
        }
        #expect(client.post(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#).status.code == 200)
    }
}
