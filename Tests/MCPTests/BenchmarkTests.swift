#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Essentials
import HTTPServer
import Testing
@testable import MCP

/// Hand-run figures, never assertions on time: `MCP_BENCH=1 swift test -c release --filter MCPBenchmark`.
@Suite(.enabled(if: getenv("MCP_BENCH") != nil)) struct MCPBenchmark {
    @Test func toolsListRoundTrip() throws {
        let tools = (0..<3).map { echoTool("tool_\($0)") }
        for stateful in [false, true] {
            let endpoint = try makeEndpoint({ $0.statefulSessions = stateful }, tools: tools)
            var client = TestClient(endpoint)
            client.initialize()
            let request = HTTPRequest(method: .post, target: "/mcp", headers: client.headers(),
                                      body: Array(#"{"jsonrpc":"2.0","id":42,"method":"tools/list","params":{}}"#.utf8))
            let context = RequestContext()
            let iterations = 200_000
            var bytes = 0
            for _ in 0..<5_000 { bytes &+= endpoint.respond(to: request, context: context).bodyBytes.count }
            let start = ContinuousClock.now
            for _ in 0..<iterations { bytes &+= endpoint.respond(to: request, context: context).bodyBytes.count }
            let elapsed = ContinuousClock.now - start
            let nanos = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
            print("tools/list via MCPEndpoint.respond (\(stateful ? "stateful" : "stateless")): \(Int(nanos / Double(iterations))) ns per round trip (\(bytes / (iterations + 5_000)) body bytes)")
            #expect(bytes > 0)
        }
    }

    @Test func toolsCallRoundTrip() throws {
        let endpoint = try makeEndpoint({ $0.statefulSessions = false })
        let client = TestClient(endpoint)
        let request = HTTPRequest(method: .post, target: "/mcp", headers: client.headers(),
                                  body: Array(#"{"jsonrpc":"2.0","id":42,"method":"tools/call","params":{"name":"echo","arguments":{"text":"hello"}}}"#.utf8))
        let iterations = 200_000
        var bytes = 0
        let start = ContinuousClock.now
        for _ in 0..<iterations { bytes &+= endpoint.respond(to: request, context: RequestContext()).bodyBytes.count }
        let elapsed = ContinuousClock.now - start
        let nanos = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        print("tools/call echo via MCPEndpoint.respond (stateless): \(Int(nanos / Double(iterations))) ns per round trip")
        #expect(bytes > 0)
    }
}
