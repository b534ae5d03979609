import Foundation
import Testing
@testable import OAuth

/// The one redirect-mismatch explanation: its fields, and the generic rows of the hint table.
@Suite struct RedirectMismatchTests {
    struct HintCase: Sendable, CustomStringConvertible {
        let rule: String
        let requested: String
        let registered: [String]
        /// A fragment of the hint's text.
        let fragment: String
        var description: String { rule }
    }

    /// One row per generic hint; each must be chosen, and appear exactly once in the text.
    static let hintCases: [HintCase] = [
        HintCase(rule: "loopback-host", requested: "http://localhost:49152/callback", registered: ["http://127.0.0.1/callback"],
                 fragment: "localhost and 127.0.0.1 are different hosts"),
        HintCase(rule: "loopback-host", requested: "http://127.0.0.1:8080/cb", registered: ["http://[::1]/cb"],
                 fragment: "127.0.0.1 and [::1] are different hosts"),
        HintCase(rule: "loopback-host", requested: "http://[::1]:8080/cb", registered: ["http://localhost/cb", "https://x.example/cb"],
                 fragment: "[::1] and localhost are different hosts"),
        HintCase(rule: "trailing-slash", requested: "http://127.0.0.1:5555/callback/", registered: ["http://127.0.0.1/callback"],
                 fragment: "adds a trailing slash"),
        HintCase(rule: "trailing-slash", requested: "https://app.example.com/cb", registered: ["https://app.example.com/cb/"],
                 fragment: "drops a trailing slash"),
        HintCase(rule: "scheme", requested: "http://app.example.com/cb", registered: ["https://app.example.com/cb"],
                 fragment: "(http vs https)"),
        HintCase(rule: "claude-sibling", requested: "https://claude.com/api/mcp/auth_callback",
                 registered: ["https://claude.ai/api/mcp/auth_callback"], fragment: "claude.ai and the claude.com callback"),
        HintCase(rule: "path-segment", requested: "https://app.example.com/oauth", registered: ["https://app.example.com/oauth/callback"],
                 fragment: "is missing the segment 'callback'"),
        HintCase(rule: "path-segment", requested: "http://127.0.0.1:3000/oauth/callback", registered: ["http://127.0.0.1/callback"],
                 fragment: "has the extra segment 'oauth'"),
        HintCase(rule: "port", requested: "https://app.example.com:8443/cb", registered: ["https://app.example.com/cb"],
                 fragment: "Only the port differs"),
        HintCase(rule: "letter-case", requested: "https://App.example.com/cb", registered: ["https://app.example.com/cb"],
                 fragment: "Only the letter case differs"),
        HintCase(rule: "query", requested: "https://app.example.com/cb?x=1", registered: ["https://app.example.com/cb"],
                 fragment: "Only the query differs"),
    ]

    @Test(arguments: hintCases)
    func eachHintIsChosenAndAppearsOnce(_ row: HintCase) throws {
        guard case .mismatch(let mismatch) = RedirectURIMatcher.decision(for: row.requested, registered: row.registered) else {
            Issue.record("\(row.requested) should be a mismatch")
            return
        }
        let hint = try #require(mismatch.hint, "no hint: \(mismatch.text)")
        #expect(hint.rule == row.rule, "\(mismatch.text)")
        #expect(hint.text.contains(row.fragment), "\(hint.text)")
        #expect(mismatch.text.occurrences(of: hint.text) == 1, "\(mismatch.text)")
        #expect(mismatch.text.occurrences(of: "Hint:") == 1)
    }

    @Test func closestIsNamedAlsoWhenOnlyOneIsRegistered() {
        let mismatch = RedirectMismatch(requested: "https://a.example/x", owner: "client 'A'", registered: ["https://b.example/y"])
        #expect(mismatch.closest == "https://b.example/y")
        #expect(mismatch.differences == [.host, .path])
        #expect(mismatch.hint == nil)
        #expect(mismatch.text.occurrences(of: "https://b.example/y") == 1)
    }

    @Test func closestIgnoresLoopbackPorts() {
        let mismatch = RedirectMismatch(requested: "http://localhost:49152/callback", owner: "client 'A'",
                                        registered: ["https://claude.ai/callback", "http://127.0.0.1:1/callback"])
        #expect(mismatch.closest == "http://127.0.0.1:1/callback")
        #expect(mismatch.differences == [.host], "the port of an http loopback URI is not a difference")
    }

    @Test func differencesNameEachPart() {
        #expect(RedirectURIDifference.between("https://a.example:1/p/?q", "http://b.example/p") == [.scheme, .host, .port, .trailingSlash, .query])
        #expect(RedirectURIDifference.between("not a uri", "https://a.example/") == [.other])
        #expect(RedirectURIDifference.between("https://a.example/x", "https://a.example/x") == [])
    }

    @Test func nothingRegistered() {
        let mismatch = RedirectMismatch(requested: "https://a.example/x", owner: "client 'A'", registered: [])
        #expect(mismatch.closest == nil && mismatch.hint == nil && mismatch.differences.isEmpty)
        #expect(mismatch.text.contains("No redirect URI is registered."))
    }

    @Test func errorPageShowsEachFactOnce() {
        guard case .mismatch(let mismatch) = RedirectURIMatcher.decision(for: "http://localhost:5000/callback",
                                                                         registered: ["http://127.0.0.1/callback", "https://x.example/cb"]) else {
            Issue.record("expected a mismatch")
            return
        }
        let response = AuthorizationErrorPage(explanation: mismatch.text, details: [], mismatch: mismatch, brand: "B").render()
        guard case .bytes(let bytes) = response.body else { Issue.record("expected a body"); return }
        let page = String(decoding: bytes, as: UTF8.self)
        let hint = HTML.escape(mismatch.hint?.text ?? "missing")
        #expect(page.occurrences(of: hint) == 1)
        #expect(page.occurrences(of: "http://localhost:5000/callback") == 1, "the requested field only")
        #expect(page.contains("<li><code>http://127.0.0.1/callback</code> <strong class=\"tag\" id=\"closest\">closest: differs in host</strong></li>"))
        #expect(page.occurrences(of: RedirectMismatch.rule) == 1)
    }

    @Test func errorPageMarksTheOnlyRegisteredURIAsClosest() {
        let mismatch = RedirectMismatch(requested: "https://a.example/cb/", owner: "client 'A'", registered: ["https://a.example/cb"])
        let response = AuthorizationErrorPage(explanation: mismatch.text, details: [("client", "A")], mismatch: mismatch, brand: "B").render()
        guard case .bytes(let bytes) = response.body else { Issue.record("expected a body"); return }
        let page = String(decoding: bytes, as: UTF8.self)
        #expect(page.contains("<strong class=\"tag\" id=\"closest\">closest: differs in trailing slash</strong>"))
        #expect(page.occurrences(of: "https://a.example/cb<") == 1)
    }
}

extension String {
    func occurrences(of needle: String) -> Int {
        guard !needle.isEmpty else { return 0 }
        var count = 0
        var rest = self[...]
        while let range = rest.range(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}
