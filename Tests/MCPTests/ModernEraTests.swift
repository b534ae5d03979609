import Essentials
import HTTPServer
import Testing
@testable import MCP

/// `supportedVersions` with 2026-07-28 only (`--protocol modern`): the server-side checks of the
/// conformance suite's `server-stateless` and `caching` scenarios that apply without its fixture
/// tools, plus 2026-07-28 Streamable HTTP §Backward Compatibility for old traffic.
@Suite struct ModernEraTests {
    let client: ModernClient

    init() throws { client = ModernClient(try makeEndpoint(mode: .modern)) }

    @Test func discoverAdvertisesVersionsCapabilitiesAndCachingHints() throws {
        let response = client.send("server/discover", id: 201)
        #expect(response.status.code == 200)
        #expect(response.headers["Mcp-Session-Id"] == nil, "no session is minted")
        let result = try #require(response.json?["result"])
        #expect(response.json?["id"] == 201)
        #expect(result["resultType"] == "complete")
        #expect(result["supportedVersions"] == ["2026-07-28"])
        #expect(result["capabilities"]?["tools"] != nil)
        #expect(result["instructions"] == "Use the tools.")
        #expect(result["ttlMs"] == 300_000)
        #expect(result["cacheScope"] == "public")
        #expect(result["_meta"]?["io.modelcontextprotocol/serverInfo"]?["name"] == "test-server")
    }

    @Test(arguments: [
        ("missing _meta", nil as String?),
        ("missing protocolVersion", ModernClient.protocolVersion),
        ("missing clientCapabilities", ModernClient.capabilities),
    ])
    func malformedMetaIsInvalidParams400(_ label: String, removedKey: String?) {
        var meta = client.meta()
        if let removedKey { meta[removedKey] = nil }
        let response = client.send("server/discover", id: 101, meta: meta, withMeta: removedKey != nil)
        #expect(response.status.code == 400, "\(label)")
        #expect(response.json?["error"]?["code"] == -32602, "\(label)")
        #expect(response.json?["id"] == 101, "\(label): the error carries the request's id")
    }

    @Test func clientInfoIsOptional() {
        var meta = client.meta()
        meta["io.modelcontextprotocol/clientInfo"] = nil
        let response = client.send("server/discover", meta: meta)
        #expect(response.status.code == 200)
        #expect(response.json?["result"]?["supportedVersions"] != nil)
    }

    @Test func unsupportedVersionNamesSupportedAndRequested() {
        var probe = client
        probe.version = "v999.0.0"
        let response = probe.send("server/discover", id: 301)
        #expect(response.status.code == 400)
        #expect(response.json?["id"] == 301)
        #expect(response.json?["error"]?["code"] == -32022)
        #expect(response.json?["error"]?["data"]?["supported"] == ["2026-07-28"])
        #expect(response.json?["error"]?["data"]?["requested"] == "v999.0.0")
    }

    @Test func legacyVersionInMetaIsUnsupportedHere() {
        var probe = client
        probe.version = "2025-11-25"
        let response = probe.send("tools/list")
        #expect(response.json?["error"]?["code"] == -32022)
        #expect(response.json?["error"]?["data"]?["requested"] == "2025-11-25")
    }

    @Test(arguments: [
        ("header ≠ _meta version", [("MCP-Protocol-Version", "2026-07-28")], "v999.0.0", "tools/list"),
        ("no MCP-Protocol-Version", [("MCP-Protocol-Version", nil)], "2026-07-28", "tools/list"),
        ("no Mcp-Method", [("Mcp-Method", nil)], "2026-07-28", "tools/list"),
        ("Mcp-Method differs", [("Mcp-Method", "tools/call")], "2026-07-28", "tools/list"),
        ("Mcp-Method differs in case", [("Mcp-Method", "Tools/List")], "2026-07-28", "tools/list"),
        ("no Mcp-Name on tools/call", [("Mcp-Name", nil)], "2026-07-28", "tools/call"),
        ("Mcp-Name differs", [("Mcp-Name", "other")], "2026-07-28", "tools/call"),
        ("Mcp-Name bad base64", [("Mcp-Name", "=?base64?***?=")], "2026-07-28", "tools/call"),
    ] as [(String, [(String, String?)], String, String)])
    func headerDisagreementIsHeaderMismatch400(_ label: String, headers: [(String, String?)], metaVersion: String, method: String) {
        var probe = client
        probe.extraHeaders = headers
        var meta = client.meta()
        meta[ModernClient.protocolVersion] = .string(metaVersion)
        let params: JSONValue = method == "tools/call" ? ["name": "echo", "arguments": ["text": "x"]] : [:]
        let response = probe.send(method, id: 302, params: params, meta: meta)
        #expect(response.status.code == 400, "\(label)")
        #expect(response.json?["error"]?["code"] == -32020, "\(label)")
        #expect(response.json?["id"] == 302, "\(label)")
        #expect(response.json?["error"]?["message"]?.stringValue?.hasPrefix("Header mismatch") == true, "\(label)")
    }

    @Test func base64EncodedMcpNameIsDecodedBeforeComparing() {
        var probe = client
        probe.extraHeaders = [("Mcp-Name", "=?base64?ZWNobw==?=")]  // "echo"
        let response = probe.callTool("echo", arguments: ["text": "hi"])
        #expect(response.status.code == 200)
        #expect(response.json?["result"]?["content"]?[0]?["text"] == "hi")
    }

    @Test(arguments: ["initialize", "ping", "logging/setLevel", "resources/subscribe", "unknown/method"])
    func removedAndUnknownMethodsAre404MethodNotFound(_ method: String) {
        let response = client.send(method, id: 500)
        #expect(response.status.code == 404)
        #expect(response.json?["error"]?["code"] == -32601)
        #expect(response.json?["id"] == 500)
    }

    @Test func legacyInitializeIsRefusedNamingTheVersions() {
        let request = HTTPRequest(method: .post, target: "/mcp",
                                  headers: ["Host": "localhost", "Accept": "application/json, text/event-stream", "Content-Type": "application/json"],
                                  body: Array(#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"old","version":"1"}}}"#.utf8))
        let response = client.endpoint.respond(to: request, context: RequestContext())
        #expect(response.status.code == 400)
        #expect(response.json?["error"]?["code"] == -32602)
        #expect(response.json?["error"]?["message"]?.stringValue?.contains("2026-07-28") == true)
        #expect(response.headers["Mcp-Session-Id"] == nil)
    }

    @Test func toolsListCarriesCachingHintsInADeterministicOrder() throws {
        let endpoint = try makeEndpoint(mode: .modern, tools: [echoTool("zeta"), echoTool("alpha"), echoTool("mid")])
        let probe = ModernClient(endpoint)
        let first = probe.send("tools/list")
        let result = try #require(first.json?["result"])
        #expect(result["resultType"] == "complete")
        #expect(result["ttlMs"]?.intValue.map { $0 >= 0 } == true)
        #expect(result["cacheScope"] == "public")
        #expect(result["tools"]?[0]?["name"] == "zeta")
        #expect(probe.send("tools/list").bodyBytes == first.bodyBytes, "same bytes on every call")
    }

    @Test func toolCallResultHasResultTypeAndSessionHeadersAreIgnored() {
        var probe = client
        probe.extraHeaders = [("Mcp-Session-Id", "old-session"), ("Last-Event-ID", "3-1")]
        let response = probe.callTool("echo", arguments: ["text": "hello"])
        #expect(response.status.code == 200)
        #expect(response.headers["Mcp-Session-Id"] == nil)
        #expect(response.json?["result"]?["resultType"] == "complete")
        #expect(response.json?["result"]?["content"]?[0]?["text"] == "hello")
    }

    @Test(arguments: [HTTPMethod.get, .delete])
    func getAndDeleteAre405(_ method: HTTPMethod) {
        let request = HTTPRequest(method: method, target: "/mcp", headers: ["Host": "localhost", "Accept": "text/event-stream", "Mcp-Session-Id": "x"])
        let response = client.endpoint.respond(to: request, context: RequestContext())
        #expect(response.status.code == 405)
        #expect(response.headers["Allow"] == "POST, OPTIONS")
    }

    @Test func dnsRebindingIsRefusedAndLoopbackServed() {
        var evil = client
        evil.extraHeaders = [("Host", "evil.example.com"), ("Origin", "http://evil.example.com")]
        #expect((400..<500).contains(evil.send("server/discover").status.code))
        var local = client
        local.extraHeaders = [("Host", "localhost:3000"), ("Origin", "http://localhost:3000")]
        #expect(local.send("server/discover").status.code == 200)
    }

    @Test func bearerGateAndScopesBehaveAsInLegacy() throws {
        let endpoint = try makeEndpoint(mode: .modern, tools: [echoTool(scopes: ["echo:use"])], authenticator: FakeAuthenticator())
        var anonymous = ModernClient(endpoint)
        #expect(anonymous.send("server/discover").status.code == 401, "the 401 comes before any MCP processing")
        anonymous.extraHeaders = [("Authorization", "Bearer token-alice|other")]
        #expect(anonymous.send("server/discover").status.code == 200)
        let refused = anonymous.callTool("echo", arguments: ["text": "x"])
        #expect(refused.status.code == 403)
        #expect(refused.headers["WWW-Authenticate"]?.contains("insufficient_scope") == true)
    }
}
