import Essentials
import HTTPServer
import Testing
@testable import MCP

/// Every refusal of the Streamable HTTP transport (mcp.md §9, checklist 26–36).
@Suite struct TransportTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let method: HTTPMethod
        let body: String
        /// Headers after the defaults of an initialized client (nil value removes the header).
        let headers: [(String, String?)]
        let configure: @Sendable (inout MCPServerConfiguration) -> Void
        let deleteSessionFirst: Bool
        let openGetFirst: Bool
        let status: Int
        let rpcCode: Int?
        var testDescription: String { name }

        init(_ name: String, _ method: HTTPMethod = .post, body: String = #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#,
             headers: [(String, String?)] = [], configure: @escaping @Sendable (inout MCPServerConfiguration) -> Void = { _ in },
             deleteSessionFirst: Bool = false, openGetFirst: Bool = false, status: Int, rpcCode: Int? = nil) {
            self.name = name
            self.method = method
            self.body = body
            self.headers = headers
            self.configure = configure
            self.deleteSessionFirst = deleteSessionFirst
            self.openGetFirst = openGetFirst
            self.status = status
            self.rpcCode = rpcCode
        }
    }

    static let cases: [Case] = [
        Case("ping in a session", status: 200),
        Case("Accept without text/event-stream", headers: [("Accept", "application/json")], status: 406, rpcCode: -32600),
        Case("Accept without application/json", headers: [("Accept", "text/event-stream")], status: 406),
        Case("Accept wildcard only", headers: [("Accept", "*/*")], status: 406),
        Case("Accept with q=0", headers: [("Accept", "application/json, text/event-stream;q=0")], status: 406),
        Case("Accept missing", headers: [("Accept", nil)], status: 406),
        Case("Content-Type text/plain", headers: [("Content-Type", "text/plain")], status: 415),
        Case("Content-Type missing", headers: [("Content-Type", nil)], status: 415),
        Case("Content-Type with charset", headers: [("Content-Type", "application/json; charset=utf-8")], status: 200),
        Case("body not JSON", body: "{nope", status: 400, rpcCode: -32700),
        Case("empty body", body: "", status: 400, rpcCode: -32700),
        Case("batch at 2025-11-25", body: #"[{"jsonrpc":"2.0","id":1,"method":"ping"}]"#, status: 400, rpcCode: -32600),
        Case("null id", body: #"{"jsonrpc":"2.0","id":null,"method":"ping"}"#, status: 400, rpcCode: -32600),
        Case("wrong jsonrpc", body: #"{"jsonrpc":"1.0","id":1,"method":"ping"}"#, status: 400, rpcCode: -32600),
        Case("notification", body: #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#, status: 202),
        Case("client response", body: #"{"jsonrpc":"2.0","id":"s1","result":{}}"#, status: 202),
        Case("missing session", headers: [("Mcp-Session-Id", nil)], status: 400, rpcCode: -32600),
        Case("unknown session", headers: [("Mcp-Session-Id", "no-such-session")], status: 404),
        Case("deleted session", deleteSessionFirst: true, status: 404),
        Case("GET disabled", .get, configure: { $0.getStreamEnabled = false }, status: 405),
        Case("GET in stateless mode", .get, configure: { $0.statefulSessions = false }, status: 405),
        Case("DELETE disabled", .delete, configure: { $0.deleteEnabled = false }, status: 405),
        Case("GET stream", .get, status: 200),
        Case("second GET stream", .get, openGetFirst: true, status: 409),
        Case("GET without SSE Accept", .get, headers: [("Accept", "application/json")], status: 406),
        Case("DELETE", .delete, status: 200),
        Case("PUT", HTTPMethod.put, status: 405),
        Case("foreign Origin", headers: [("Origin", "http://evil.example.com")], status: 403),
        Case("null Origin", headers: [("Origin", "null")], status: 403),
        Case("loopback Origin any port", headers: [("Origin", "http://localhost:6274")], status: 200),
        Case("IPv6 loopback Origin", headers: [("Origin", "http://[::1]:3000")], status: 200),
        Case("allowed Origin", headers: [("Origin", "https://app.example.com")], configure: { $0.allowedOrigins = ["https://app.example.com"] }, status: 200),
        Case("foreign Host", headers: [("Host", "evil.example.com")], status: 421),
        Case("foreign Host with port", headers: [("Host", "evil.example.com:7777")], status: 421),
        Case("localhost Host", headers: [("Host", "localhost:1234")], status: 200),
        Case("[::1] Host", headers: [("Host", "[::1]:80")], status: 200),
        Case("public Host", headers: [("Host", "MCP.example.com:443")], status: 200),
        Case("Host check off", headers: [("Host", "evil.example.com")], configure: { $0.hostCheck = .disabled }, status: 200),
        Case("unsupported protocol version", headers: [("MCP-Protocol-Version", "2024-11-05")], status: 400, rpcCode: -32600),
        Case("garbage protocol version", headers: [("MCP-Protocol-Version", "banana")], status: 400),
        Case("other supported version tolerated", headers: [("MCP-Protocol-Version", "2025-06-18")], status: 200),
        Case("absent protocol version", headers: [("MCP-Protocol-Version", nil)], status: 200),
        Case("server/discover", body: #"{"jsonrpc":"2.0","id":1,"method":"server/discover"}"#, status: 400),
        Case("Mcp-Method without session", headers: [("Mcp-Method", "tools/list"), ("Mcp-Session-Id", nil)], status: 400),
    ]

    @Test(arguments: cases)
    func status(_ testCase: Case) throws {
        let endpoint = try makeEndpoint(testCase.configure)
        var client = TestClient(endpoint)
        client.initialize()
        if endpoint.configuration.statefulSessions { #expect(client.sessionID != nil) }
        if testCase.deleteSessionFirst { #expect(client.send(.delete).status.code == 200) }
        if testCase.openGetFirst {
            let first = client.send(.get)
            #expect(first.status.code == 200)
            _ = first.drain()
        }
        var headers = client.headers()
        if testCase.method == .get { headers.replaceOrAdd("Accept", "text/event-stream") }
        for (name, value) in testCase.headers {
            if let value { headers.replaceOrAdd(name, value) } else { headers.remove(name) }
        }
        let request = HTTPRequest(method: testCase.method, target: "/mcp", headers: headers, body: Array(testCase.body.utf8))
        let response = endpoint.respond(to: request, context: RequestContext())
        #expect(response.status.code == testCase.status, "\(testCase.name): \(response.bodyText)")
        if let code = testCase.rpcCode {
            #expect(response.json?["error"]?["code"]?.intValue == code, "\(response.bodyText)")
            #expect(response.json?["id"] != nil, "an error response always carries id (null when unreadable)")
        }
        if testCase.status == 202 { #expect(response.bodyBytes.isEmpty) }
        if testCase.status == 405 { #expect(response.headers["Allow"] != nil) }
        if testCase.status >= 400 { #expect(!response.bodyText.isEmpty, "every refusal explains itself") }
    }

    /// Legacy mode: a modern request gets what every dual-era client falls back from (400, JSON-RPC
    /// -32601 with the request's id), never a modern error code.
    @Test func modernRefusalIsMethodNotFoundWithTheId() throws {
        var client = TestClient(try makeEndpoint())
        client.initialize()
        let response = client.post(#"{"jsonrpc":"2.0","id":7,"method":"server/discover"}"#)
        #expect(response.status.code == 400)
        #expect(response.json?["error"]?["code"] == -32601)
        #expect(response.json?["id"] == 7)
    }

    @Test func validInitializeNeverGets400Or404() throws {
        let endpoint = try makeEndpoint()
        var client = TestClient(endpoint)
        client.sessionID = "stale-session"
        client.version = "2026-07-28"
        client.extraHeaders = ["Mcp-Method": "initialize"]
        let response = client.post(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2026-07-28","capabilities":{},"clientInfo":{"name":"x","version":"1"}}}"#)
        #expect(response.status.code == 200)
        #expect(response.json?["result"]?["protocolVersion"] == "2025-11-25")
        #expect(response.headers["Mcp-Session-Id"] != "stale-session")
    }

    @Test func versionErrorNamesSupportedVersions() throws {
        var client = TestClient(try makeEndpoint())
        client.initialize()
        client.version = "2099-01-01"
        let message = client.post(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#).json?["error"]?["message"]?.stringValue ?? ""
        #expect(message.contains("2025-03-26, 2025-06-18, 2025-11-25"))
        #expect(message.contains("2099-01-01"))
    }

    @Test func noCORSHeadersWhenOff() throws {
        var client = TestClient(try makeEndpoint())
        client.extraHeaders = ["Origin": "http://localhost:6274"]
        let response = client.initialize()
        #expect(response.headers["Access-Control-Allow-Origin"] == nil)
    }

    @Test func authenticatorRunsFirstAndItsRejectionIsFinal() throws {
        let endpoint = try makeEndpoint(authenticator: FakeAuthenticator())
        var client = TestClient(endpoint)
        // Even a malformed body gets the 401 first: nothing MCP happens before the gate.
        let response = client.post("{nope")
        #expect(response.status.code == 401)
        #expect(response.headers["WWW-Authenticate"] == #"Bearer realm="mcp""#)
        // A query-string token is the authenticator's business; the MCP layer never reads it.
        let query = endpoint.respond(to: HTTPRequest(method: .post, target: "/mcp?access_token=token-alice", headers: client.headers(), body: Array("{}".utf8)), context: RequestContext())
        #expect(query.status.code == 401)
        client.extraHeaders = ["Authorization": "Bearer token-alice"]
        #expect(client.initialize().status.code == 200)
        for method in [HTTPMethod.get, .delete] {
            var headers = client.headers()
            headers.remove("Authorization")
            #expect(client.send(method, headers: headers).status.code == 401)
        }
    }

    @Test func statelessModeServesEachPostAlone() throws {
        let endpoint = try makeEndpoint { $0.statefulSessions = false }
        let client = TestClient(endpoint)
        let list = client.post(#"{"jsonrpc":"2.0","id":"a","method":"tools/list"}"#)
        #expect(list.status.code == 200)
        #expect(list.json?["id"] == "a")
        #expect(list.headers["Mcp-Session-Id"] == nil)
        let initialize = client.post(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18"}}"#)
        #expect(initialize.headers["Mcp-Session-Id"] == nil)
        #expect(initialize.json?["result"]?["protocolVersion"] == "2025-06-18")
        #expect(client.send(.delete).status.code == 405)
        #expect(endpoint.sessions.count == 0)
    }
}
