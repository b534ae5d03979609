import CryptoPrimitives
import Essentials
import Foundation
import HTTPServer
import Testing
@testable import GongMock

/// The journal: every request recorded with its typed outcome, redacted whenever it leaves the
/// process, bounded by entries and bytes.
@Suite struct JournalTests {
    typealias H = GongMockHarness
    static let verifier = "verifier-0123456789-0123456789-0123456789-abc"
    static let admin: HTTPHeaders = ["Authorization": "Bearer test-admin-token"]

    /// A complete code flow and one tool call; returns every secret value that went over the wire.
    static func runFlow(_ harness: H) -> [String] {
        let parameters = harness.authorize(clientID: H.ciClientID, user: H.maya, verifier: verifier)
        let code = parameters["code"] ?? "<no code>"
        let form = URLEncodedForm.encode([("grant_type", "authorization_code"), ("code", code), ("redirect_uri", H.ciRedirect),
                                          ("code_verifier", verifier), ("client_id", H.ciClientID), ("client_secret", H.ciSecret),
                                          ("resource", H.base + "/mcp")])
        let tokens = H.json(harness.send(.post, "/oauth2/generate-mcp-token", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array(form.utf8)))
        let access = tokens["access_token"]?.stringValue ?? "<no access token>"
        let refresh = tokens["refresh_token"]?.stringValue ?? "<no refresh token>"
        _ = harness.callTool(access, "ask_account", ["accountId": .string(H.altamira), "question": "Risks?", "timePeriod": "ALL_CONVERSATIONS"])
        let refreshForm = URLEncodedForm.encode([("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", H.ciClientID),
                                                 ("client_secret", H.ciSecret)])
        let refreshed = H.json(harness.send(.post, "/oauth2/generate-mcp-token", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array(refreshForm.utf8)))
        return [code, verifier, H.ciSecret, access, refresh, refreshed["access_token"]?.stringValue ?? "<none>",
                refreshed["refresh_token"]?.stringValue ?? "<none>", "test-admin-token"]
    }

    @Test func noSecretLeavesInJSONLOrHAR() throws {
        let harness = try H()
        let secrets = Self.runFlow(harness)
        #expect(!secrets.contains { $0.hasPrefix("<no") })
        let jsonl = H.bodyText(harness.send(.get, "/_mock/journal", headers: Self.admin))
        let har = H.bodyText(harness.send(.get, "/_mock/journal?format=har", headers: Self.admin))
        // The journal read itself is journaled: its admin token must be redacted too.
        let again = H.bodyText(harness.send(.get, "/_mock/journal", headers: Self.admin))
        for output in [jsonl, har, again] {
            for secret in secrets { #expect(!output.contains(secret), "a secret appears in full: \(secret.prefix(6))…") }
        }
        #expect(jsonl.contains("eyJ"))                  // the JWT shows its prefix…
        #expect(jsonl.contains("…(\(secrets[3].count))"))  // …and its length
        #expect(again.contains("Bearer test…(16)"))
        let lines = jsonl.split(separator: "\n")
        #expect(lines.count == 6)  // authorize, token, initialize, initialized, tools/call, refresh
        let token = try #require(lines.compactMap { try? JSONParser.parse(String($0)) }.first { $0["path"]?.stringValue == "/oauth2/generate-mcp-token" })
        #expect(token["clientId"]?.stringValue == H.ciClientID)
        #expect(token["integrationId"]?.stringValue != nil)
        #expect(token["flowId"]?.stringValue == "flow-1")
        #expect(token["request"]?["body"]?.stringValue?.contains("client_secret=ci-s") == true)
        let call = try #require(lines.compactMap { try? JSONParser.parse(String($0)) }.first { $0["tool"]?.stringValue == "ask_account" })
        #expect(call["rpcMethod"]?.stringValue == "tools/call")
        #expect(call["userId"]?.stringValue != nil)
        #expect((call["credits"]?.doubleValue ?? 0) > 0)
        #expect(call["mcpSessionId"]?.stringValue != nil)
        let harJSON = try JSONParser.parse(har)
        #expect(harJSON["log"]?["version"]?.stringValue == "1.2")
        #expect((harJSON["log"]?["entries"]?.arrayValue?.count ?? 0) == lines.count + 1)  // + the JSONL read
    }

    @Test func refusalsCarryTheRuleAndFiltersSelect() throws {
        let harness = try H()
        _ = Self.runFlow(harness)
        let form = URLEncodedForm.encode([("grant_type", "authorization_code"), ("code", "made-up"), ("redirect_uri", H.ciRedirect),
                                          ("code_verifier", Self.verifier), ("client_id", H.ciClientID), ("client_secret", H.ciSecret)])
        _ = harness.send(.post, "/oauth2/generate-mcp-token", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array(form.utf8))
        let last = try #require(harness.app.journal.entries().last)
        #expect(last.refusal?.rule == "token.code.unknown")
        #expect(last.status == 400)
        let since = harness.app.journal.entries(JournalFilter(since: last.seq - 1))
        #expect(since.map(\.seq) == [last.seq])
        #expect(harness.app.journal.entries(JournalFilter(limit: 2)).count == 2)
        #expect(harness.app.journal.entries(JournalFilter(clientID: "nobody")).isEmpty)
        #expect(harness.app.journal.entries(JournalFilter(flowID: "flow-1")).allSatisfy { $0.clientID == H.ciClientID })
        #expect(harness.send(.get, "/_mock/journal?limit=zero", headers: Self.admin).status.code == 400)
        #expect(harness.send(.get, "/_mock/journal?format=xml", headers: Self.admin).status.code == 400)
        #expect(harness.send(.get, "/_mock/journal").status.code == 401)
        let unknownRoute = try #require(harness.app.journal.entries().last)
        #expect(unknownRoute.refusal?.rule == "http.401")
    }

    @Test func ringKeepsTheNewestWithinEntriesAndBytes() throws {
        var configuration = Journal.Configuration()
        configuration.entries = 5
        let journal = try Journal(configuration: configuration)
        for index in 0..<20 { journal.record(Self.entry(path: "/\(index)")) }
        #expect(journal.entries().map(\.path) == ["/15", "/16", "/17", "/18", "/19"])
        #expect(journal.entries().map(\.seq) == [16, 17, 18, 19, 20])
        #expect(journal.usage.evicted == 15)

        configuration.entries = 1000
        configuration.bytes = 64 * 1024
        let bounded = try Journal(configuration: configuration)
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: 40_000)
        for index in 0..<50 { bounded.record(Self.entry(path: "/\(index)", body: body, limit: configuration.bodyLimit)) }
        let kept = bounded.entries()
        #expect(kept.count <= 4)
        #expect(bounded.usage.bytes <= 64 * 1024)
        #expect(kept.last?.request.body.count == 16 * 1024)
        #expect(kept.last?.request.bodyLength == 40_000)
        let rendered = try JSONParser.parse(String(decoding: kept.last?.jsonLine() ?? [], as: UTF8.self))
        #expect(rendered["request"]?["truncated"]?.boolValue == true)
        #expect(rendered["request"]?["bodySize"]?.doubleValue == 40_000)
    }

    @Test func cutJSONIsStillRedacted() {
        let body = Array(#"{"token_type":"Bearer","access_token":"eyJhbGciOiJFUzI1NiJ9.secretpart","refresh_token":"rt-abcdefghijklmnop"#.utf8)
        let text = String(decoding: JSONSecretScanner.redact(body), as: UTF8.self)
        #expect(!text.contains("secretpart"))
        #expect(!text.contains("abcdefghijklmnop"))
        #expect(text.contains(#""token_type":"Bearer""#))
        #expect(text.contains(#""access_token":"eyJhbG…(31)""#))
    }

    @Test func journalFileGetsOneRedactedLinePerEntry() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = GongMockOptions()
        options.journal.filePath = path
        options.seed = try SeedFile.parse(Array(H.defaultSeed.utf8), fileName: "seed.json")
        let harness = try H(app: GongMockApplication(options: options, baseURL: H.base, logger: Logger(category: "test")))
        let secrets = Self.runFlow(harness)
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.split(separator: "\n").count == harness.app.journal.entries().count)
        for secret in secrets { #expect(!written.contains(secret)) }
    }

    @Test func discoveryJoinsTheNextAuthorizeFromTheSameAgentOrConnection() throws {
        let harness = try H()
        let agent: HTTPHeaders = ["User-Agent": "my-agent/1.0"]
        _ = harness.send(.post, "/mcp", headers: agent, remote: "127.0.0.1:40001")
        _ = harness.send(.get, "/.well-known/oauth-protected-resource/mcp", headers: agent, remote: "127.0.0.1:40001")
        _ = harness.send(.get, "/.well-known/oauth-authorization-server", headers: ["User-Agent": "someone-else"], remote: "127.0.0.1:40002")
        _ = harness.send(.get, "/.well-known/oauth-authorization-server", remote: "127.0.0.1:40003")  // no User-Agent, as SDKs' auth requests
        harness.app.oauth.updateConfiguration { $0.autoApproveSubject = H.maya }
        let query = URLEncodedForm.encode([("response_type", "code"), ("client_id", H.ciClientID), ("redirect_uri", H.ciRedirect),
                                           ("code_challenge", PKCE.s256Challenge(verifier: Self.verifier)), ("code_challenge_method", "S256"),
                                           ("state", "s"), ("resource", H.base + "/mcp")])
        _ = harness.send(.get, "/oauth2/authorize?" + query, headers: agent, remote: "127.0.0.1:40004")
        let form = URLEncodedForm.encode([("grant_type", "authorization_code"), ("code", "unknown"), ("client_id", H.ciClientID),
                                          ("client_secret", H.ciSecret)])
        _ = harness.send(.post, "/oauth2/generate-mcp-token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                         body: Array(form.utf8), remote: "127.0.0.1:40003")
        let entries = harness.app.journal.entries()
        // Same address and User-Agent as the authorize: claimed. Another agent: never guessed.
        // Same connection as a request naming the client: claimed.
        #expect(entries.map(\.flowID) == ["flow-1", "flow-1", nil, "flow-1", "flow-1", "flow-1"])
        #expect(entries[0].clientID == H.ciClientID)
        #expect(entries[2].clientID == nil)
        #expect(entries[3].clientID == H.ciClientID)
    }

    static func entry(path: String, body: [UInt8] = [], limit: Int = 16 * 1024) -> JournalEntry {
        JournalEntry(requestID: 1, time: 0, clientID: nil, userID: nil, method: "POST", path: path, query: nil, route: nil, status: 200,
                     durationMs: 1, requestBytes: body.count, responseBytes: 0, remoteAddress: "127.0.0.1:1", userAgent: nil, mcp: nil,
                     oauthDecisions: [], credits: nil, creditsExhausted: false, refusal: nil,
                     request: JournalMessage(headers: ["Content-Type": "text/plain"], fullBody: body, limit: limit),
                     response: JournalMessage(headers: [:], body: [], bodyLength: 0))
    }
}
