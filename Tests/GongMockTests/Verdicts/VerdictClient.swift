import CryptoPrimitives
import Essentials
import HTTPServer
@testable import GongMock

/// A configurable MCP client driving the in-process stack, right by default; each test breaks
/// one thing (no PKCE, wrong resource, token in the query, reused refresh token, …).
final class VerdictClient {
    typealias H = GongMockHarness
    let harness: H
    var clientID = H.ciClientID
    var secret = H.ciSecret
    var redirect = H.ciRedirect
    var verifier = "verifier-0123456789-0123456789-0123456789-abc"
    var resource: String? = H.base + "/mcp"
    var pkce = true
    var state = true
    var sessionHeader = true
    var versionHeader = true
    var session: String?
    var accessToken = ""
    var refreshToken = ""

    init(_ harness: H) { self.harness = harness }

    func discover() {
        _ = harness.send(.post, "/mcp")
        _ = harness.send(.get, "/.well-known/oauth-protected-resource/mcp")
        _ = harness.send(.get, "/.well-known/oauth-authorization-server")
    }

    /// Authorize (auto-approved as Maya) and redeem the code; false when no code came back.
    @discardableResult
    func authorize(scope: String? = nil) -> Bool {
        harness.app.oauth.updateConfiguration { $0.autoApproveSubject = H.maya }
        var query: [(String, String)] = [("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirect)]
        if pkce { query += [("code_challenge", PKCE.s256Challenge(verifier: verifier)), ("code_challenge_method", "S256")] }
        if state { query.append(("state", "st-1")) }
        if let resource { query.append(("resource", resource)) }
        if let scope { query.append(("scope", scope)) }
        let response = harness.send(.get, "/oauth2/authorize?" + URLEncodedForm.encode(query))
        guard let location = response.headers["Location"], let mark = location.firstIndex(of: "?"),
              let code = URLEncodedForm.parse(String(location[location.index(after: mark)...])).first(where: { $0.name == "code" })?.value else { return false }
        var form: [(String, String)] = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect),
                                        ("client_id", clientID), ("client_secret", secret)]
        if pkce { form.append(("code_verifier", verifier)) }
        if let resource { form.append(("resource", resource)) }
        return takeTokens(form)
    }

    @discardableResult
    func refresh(with token: String? = nil) -> Bool {
        var form: [(String, String)] = [("grant_type", "refresh_token"), ("refresh_token", token ?? refreshToken), ("client_id", clientID), ("client_secret", secret)]
        if let resource { form.append(("resource", resource)) }
        return takeTokens(form)
    }

    private func takeTokens(_ form: [(String, String)]) -> Bool {
        let response = harness.send(.post, "/oauth2/generate-mcp-token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                    body: Array(URLEncodedForm.encode(form).utf8))
        let json = H.json(response)
        guard let access = json["access_token"]?.stringValue else { return false }
        accessToken = access
        refreshToken = json["refresh_token"]?.stringValue ?? refreshToken
        return true
    }

    func initialize() {
        let response = post(["jsonrpc": "2.0", "id": 1, "method": "initialize",
                             "params": ["protocolVersion": "2025-06-18", "capabilities": [:], "clientInfo": ["name": "verdicts", "version": "1"]]])
        session = response.headers["Mcp-Session-Id"]
        post(["jsonrpc": "2.0", "method": "notifications/initialized"])
    }

    @discardableResult
    func callTool(_ name: String = "ask_account", arguments: JSONValue = ["accountId": .string(GongMockHarness.altamira), "question": "Risks?", "timePeriod": "ALL_CONVERSATIONS"],
                  tokenInQuery: Bool = false) -> HTTPResponse {
        post(["jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": ["name": .string(name), "arguments": arguments]], tokenInQuery: tokenInQuery)
    }

    @discardableResult
    func post(_ message: JSONValue, tokenInQuery: Bool = false) -> HTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "Accept": "application/json, text/event-stream"]
        if !tokenInQuery { headers.add("Authorization", "Bearer \(accessToken)") }
        let isInitialize = message["method"]?.stringValue == "initialize"
        if let session, sessionHeader, !isInitialize { headers.add("Mcp-Session-Id", session) }
        if versionHeader, !isInitialize { headers.add("MCP-Protocol-Version", "2025-06-18") }
        let target = tokenInQuery ? "/mcp?access_token=" + URLEncodedForm.percentEncode(accessToken) : "/mcp"
        return harness.send(.post, target, headers: headers, body: JSONSerializer.bytes(message))
    }

    /// This client's verdicts by id.
    func verdicts() -> [String: ClientVerdict] {
        let reports = ClientReport.build(harness.app.journal.entries(), context: harness.app.verdictContext, clientID: clientID)
        return Dictionary(uniqueKeysWithValues: (reports.first?.verdicts ?? []).map { ($0.id, $0) })
    }
}
