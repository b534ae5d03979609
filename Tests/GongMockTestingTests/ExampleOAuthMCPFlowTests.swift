import GongMockTesting
import Testing

/// The README's example: a Swift test starts gong-mock in-process and runs a whole client flow
/// against it (discovery, authorize, token, MCP initialize, a tool call), then checks the credits.
@Suite struct ExampleOAuthMCPFlowTests {
    static let redirect = "http://127.0.0.1:9/callback"

    @Test func fullOAuthAndMCPFlow() throws {
        let mock = try GongMockTestServer(seed: .build { seed in
            seed.adminToken("example-admin-token-0123")
            seed.credits(balance: 100)
            seed.integration("Example agent", redirectURIs: [Self.redirect], context: .shared,
                             clientId: "example-client", clientSecret: "example-secret-0123456789")
        })
        defer { mock.stop() }
        let http = GongMockHTTPClient(port: mock.port)

        // 1. The MCP server URL answers 401 and points at its metadata (RFC 9728).
        let challenge = try http.postJSON("/mcp", ["jsonrpc": "2.0", "id": 1, "method": "tools/list"],
                                          headers: [("Accept", "application/json, text/event-stream")])
        #expect(challenge.status == 401)
        #expect(challenge.headers["WWW-Authenticate"]?.contains("resource_metadata=") == true)
        let metadata = try http.send("GET", "/.well-known/oauth-authorization-server").json
        #expect(metadata["token_endpoint"]?.stringValue == mock.baseURL + "/oauth2/generate-mcp-token")

        // 2. Authorize (auto-approved as the default test user) and redeem the code with PKCE.
        let verifier = "example-verifier-0123456789-0123456789-0123456789"
        let query = "response_type=code&client_id=example-client&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcallback"
            + "&code_challenge=\(GongMockHTTPClient.s256Challenge(verifier))&code_challenge_method=S256&state=s1"
        let authorized = try http.send("GET", "/oauth2/authorize?" + query)
        #expect(authorized.status == 302)
        let location = try #require(authorized.headers["Location"])
        let code = try #require(location.split(separator: "?").last?.split(separator: "&")
            .first { $0.hasPrefix("code=") }.map { String($0.dropFirst(5)) })
        let tokens = try http.postForm("/oauth2/generate-mcp-token", [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Self.redirect), ("code_verifier", verifier),
            ("client_id", "example-client"), ("client_secret", "example-secret-0123456789")]).json
        let accessToken = try #require(tokens["access_token"]?.stringValue)

        // 3. MCP: initialize, then call a tool in the session.
        let bearer = [("Authorization", "Bearer \(accessToken)"), ("Accept", "application/json, text/event-stream")]
        let initialized = try http.postJSON("/mcp", ["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": [
            "protocolVersion": "2025-06-18", "capabilities": [:], "clientInfo": ["name": "example", "version": "1"]]], headers: bearer)
        #expect(initialized.status == 200)
        let session = try #require(initialized.headers["Mcp-Session-Id"])
        let inSession = bearer + [("Mcp-Session-Id", session), ("MCP-Protocol-Version", "2025-06-18")]
        _ = try http.postJSON("/mcp", ["jsonrpc": "2.0", "method": "notifications/initialized"], headers: inSession)
        let answer = try http.postJSON("/mcp", ["jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": [
            "name": "ask_account", "arguments": ["accountId": "001Hs0000lQ0wXVAAS", "question": "What about pricing?",
                                                 "timePeriod": "ALL_CONVERSATIONS"]]], headers: inSession).json
        #expect(answer["result"]?["isError"] != true)
        #expect(mock.credits.balance < 100)

        // 4. Test controls: exhaust the credits by a fault, then reset to the seed.
        try mock.addFault(.creditsExhaust)
        let refused = try http.postJSON("/mcp", ["jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": [
            "name": "ask_account", "arguments": ["accountId": "001Hs0000lQ0wXVAAS", "question": "And now?",
                                                 "timePeriod": "ALL_CONVERSATIONS"]]], headers: inSession).json
        #expect(refused["result"]?["isError"] == true)
        try mock.reset()
        #expect(mock.credits.balance == 100)
        #expect(try http.postJSON("/mcp", ["jsonrpc": "2.0", "id": 4, "method": "tools/list"], headers: inSession).status == 401)
    }

    @Test func aBadSeedOrFaultNamesItsPath() throws {
        do {
            _ = try GongMockTestServer(seed: .json(#"{"integrations":[{"name":"x","redirectURIs":["ftp://x"]}]}"#))
            Issue.record("a bad seed started the mock")
        } catch {
            #expect("\(error)".contains("integrations[0].redirectURIs[0]"))
        }
        let mock = try GongMockTestServer()
        defer { mock.stop() }
        do {
            try mock.addFault(.latency, ["ms": "slow"])
            Issue.record("a bad fault was added")
        } catch {
            #expect("\(error)".contains("ms: expected an integer"))
        }
        mock.advanceClock(by: 3600)
        let snapshot = try mock.snapshot()
        try mock.restore(snapshot)
    }
}
