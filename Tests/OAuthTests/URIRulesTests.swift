import Testing
@testable import OAuth

@Suite struct URIRulesTests {
    @Test(arguments: [
        ("http://127.0.0.1:7777/mcp", true), ("HTTP://127.0.0.1:7777/MCP", false), ("http://127.0.0.1:7777/mcp/", true),
        ("HTTP://LOCALHOST:7777/mcp", false), ("http://127.0.0.1:7777/mcp//", false), ("http://127.0.0.1:7778/mcp", false),
        ("https://127.0.0.1:7777/mcp", false), ("http://127.0.0.1:7777/mcp#x", false), ("not a uri", false),
    ])
    func resourceMatching(_ candidate: String, _ matches: Bool) {
        #expect(ResourceIdentifier.matches(candidate, canonical: "http://127.0.0.1:7777/mcp") == matches)
    }

    @Test func hostCaseIsTolerated() {
        #expect(ResourceIdentifier.matches("HTTPS://MCP.Example.com/mcp", canonical: "https://mcp.example.com/mcp"))
    }

    @Test func uriParsing() throws {
        let uri = try #require(URIReference("http://[::1]:8080/cb?x=1#f"))
        #expect(uri.host == "::1")
        #expect(uri.port == 8080)
        #expect(uri.path == "/cb")
        #expect(uri.query == "x=1")
        #expect(uri.fragment == "f")
        #expect(uri.isLoopback)
        #expect(URIReference("cursor://anysphere.cursor-mcp/oauth/callback")?.host == "anysphere.cursor-mcp")
        #expect(URIReference("http://host:99999/") == nil)
        #expect(URIReference("://nothing") == nil)
        #expect(URIReference("http://a b/") == nil)
    }

    @Test func redirectMatcher() {
        let registered = ["https://claude.ai/api/mcp/auth_callback", "http://localhost/callback"]
        #expect(RedirectURIMatcher.decision(for: "https://claude.ai/api/mcp/auth_callback", registered: registered) == .allowed)
        #expect(RedirectURIMatcher.decision(for: "http://localhost:49152/callback", registered: registered) == .allowed)
        guard case .mismatch(let mismatch) = RedirectURIMatcher.decision(for: "https://claude.com/api/mcp/auth_callback", registered: registered) else {
            Issue.record("claude.com is not registered")
            return
        }
        #expect(mismatch.closest == "https://claude.ai/api/mcp/auth_callback")
        #expect(mismatch.text.contains("Closest: 'https://claude.ai/api/mcp/auth_callback' (differs in host)."))
        #expect(RedirectURIMatcher.decision(for: "https://localhost:49152/callback", registered: registered) != .allowed, "https loopback needs an exact match")
    }

    @Test func timestamps() {
        #expect(Timestamp.iso8601(0) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.iso8601(1_790_000_000) == "2026-09-21T14:13:20Z")
        #expect(Timestamp.iso8601(951_782_400) == "2000-02-29T00:00:00Z")
    }
}
