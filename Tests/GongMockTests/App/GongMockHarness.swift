import CryptoPrimitives
import Essentials
import Foundation
import HTTPServer
@testable import GongMock

/// Builds the whole application on a router (no sockets) and speaks OAuth and MCP to it the way
/// a client would, so the tests read as flows.
struct GongMockHarness {
    static let base = "http://127.0.0.1:7777"
    static let ciClientID = "ci-client-0001"
    static let ciSecret = "ci-secret-0001-please-change"
    static let ciRedirect = "http://127.0.0.1:9/callback"
    static let personalClientID = "personal-client-0001"
    static let personalSecret = "personal-secret-0001-please-change"
    static let askOnlyClientID = "ask-only-client-0001"
    static let askOnlySecret = "ask-only-secret-0001-please-change"
    static let maya = "maya.lindqvist@northwind-analytics.com"        // PAID, ALL
    static let tom = "tom.becker@northwind-analytics.com"             // PAID, OWN
    static let chloe = "chloe.martin@northwind-analytics.com"         // COLLABORATOR
    static let hannah = "hannah.weiss@northwind-analytics.com"        // deactivated
    static let altamira = "001Hs0000lQ0wXVAAS"                         // owned by Priya
    static let beacon = "001Hs0000ILVO5yAAS"                           // owned by Tom

    let app: GongMockApplication
    /// What requests are sent to: the application's own stack, or one wrapped around it.
    let responder: any HTTPResponder

    init(app: GongMockApplication, responder: (any HTTPResponder)? = nil) {
        self.app = app
        self.responder = responder ?? app.responder
    }

    init(options: GongMockOptions = GongMockOptions(), seedJSON: String? = nil, stateDirectory: String? = nil) throws {
        var options = options
        options.seed = try SeedFile.parse(Array((seedJSON ?? Self.defaultSeed).utf8), fileName: "seed.json")
        if let stateDirectory { options.stateDirectory = stateDirectory }
        app = try GongMockApplication(options: options, baseURL: Self.base, logger: Logger(category: "test"))
        responder = app.responder
    }

    static let defaultSeed = """
        {"adminToken": "test-admin-token",
         "credits": {"balance": 5000, "total": 5000},
         "integrations": [
          {"name": "CI pipeline", "authorizationContext": "SHARED", "clientId": "\(ciClientID)", "clientSecret": "\(ciSecret)",
           "redirectURIs": ["\(ciRedirect)"]},
          {"name": "Personal agent", "authorizationContext": "PERSONAL", "clientId": "\(personalClientID)", "clientSecret": "\(personalSecret)",
           "redirectURIs": ["\(ciRedirect)"]},
          {"name": "Ask only", "authorizationContext": "SHARED", "clientId": "\(askOnlyClientID)", "clientSecret": "\(askOnlySecret)",
           "redirectURIs": ["\(ciRedirect)"], "scopes": ["mcp:ai-ask:read"]},
          {"name": "Claude", "registrationType": "AUTOMATIC",
           "redirectURIs": ["https://claude.ai/api/mcp/auth_callback", "https://claude.com/api/mcp/auth_callback"]}
         ]}
        """

    func send(_ method: HTTPMethod, _ target: String, headers: HTTPHeaders = [:], body: [UInt8] = [], remote: String = "127.0.0.1:40000") -> HTTPResponse {
        var headers = headers
        if !headers.contains("Host") { headers.add("Host", "127.0.0.1:7777") }
        let request = HTTPRequest(method: method, target: target, headers: headers, body: body)
        do {
            return try responder.respond(to: request, context: RequestContext(remoteAddress: remote))
        } catch {
            return .text("thrown: \(error)", status: .internalServerError)
        }
    }

    static func bodyText(_ response: HTTPResponse) -> String {
        if case .bytes(let bytes) = response.body { return String(decoding: bytes, as: UTF8.self) }
        return ""
    }

    static func json(_ response: HTTPResponse) -> JSONValue {
        (try? JSONParser.parse(bodyText(response))) ?? .null
    }

    /// Authorize (the server must auto-approve as `user`, or redirect with an error) and return
    /// the redirect's query parameters.
    func authorize(clientID: String, user: String, scope: String? = nil, verifier: String = "verifier-0123456789-0123456789-0123456789-abc") -> [String: String] {
        app.oauth.updateConfiguration { $0.autoApproveSubject = user }
        var query: [(String, String)] = [("response_type", "code"), ("client_id", clientID), ("redirect_uri", Self.ciRedirect),
                                         ("code_challenge", PKCE.s256Challenge(verifier: verifier)), ("code_challenge_method", "S256"),
                                         ("state", "xyz"), ("resource", Self.base + "/mcp")]
        if let scope { query.append(("scope", scope)) }
        let response = send(.get, "/oauth2/authorize?" + URLEncodedForm.encode(query))
        guard let location = response.headers["Location"], let mark = location.firstIndex(of: "?") else { return ["status": "\(response.status.code)"] }
        var parameters: [String: String] = [:]
        for (name, value) in URLEncodedForm.parse(String(location[location.index(after: mark)...])) { parameters[name] = value }
        return parameters
    }

    /// The full code flow; returns the token response.
    func token(clientID: String, secret: String, user: String, scope: String? = nil) -> JSONValue {
        let verifier = "verifier-0123456789-0123456789-0123456789-abc"
        let parameters = authorize(clientID: clientID, user: user, scope: scope, verifier: verifier)
        guard let code = parameters["code"] else { return .null }
        let form = URLEncodedForm.encode([("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Self.ciRedirect),
                                          ("code_verifier", verifier), ("client_id", clientID), ("client_secret", secret)])
        return Self.json(send(.post, "/oauth2/generate-mcp-token", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array(form.utf8)))
    }

    func accessToken(clientID: String = ciClientID, secret: String = ciSecret, user: String = maya) -> String {
        token(clientID: clientID, secret: secret, user: user)["access_token"]?.stringValue ?? "<no token>"
    }

    /// Initialises one MCP session and returns the headers that carry it.
    func openSession(_ token: String) -> HTTPHeaders {
        let headers: HTTPHeaders = ["Authorization": "Bearer \(token)", "Content-Type": "application/json",
                                    "Accept": "application/json, text/event-stream"]
        let initialize: JSONValue = ["jsonrpc": "2.0", "id": 1, "method": "initialize",
                                     "params": ["protocolVersion": "2025-06-18", "capabilities": [:], "clientInfo": ["name": "t", "version": "1"]]]
        let initialized = send(.post, "/mcp", headers: headers, body: JSONSerializer.bytes(initialize))
        var sessionHeaders = headers
        if let session = initialized.headers["Mcp-Session-Id"] { sessionHeaders.add("Mcp-Session-Id", session) }
        sessionHeaders.add("MCP-Protocol-Version", "2025-06-18")
        _ = send(.post, "/mcp", headers: sessionHeaders, body: JSONSerializer.bytes(["jsonrpc": "2.0", "method": "notifications/initialized"]))
        return sessionHeaders
    }

    func inSession(_ headers: HTTPHeaders, method: String, params: JSONValue = [:]) -> HTTPResponse {
        send(.post, "/mcp", headers: headers, body: JSONSerializer.bytes(["jsonrpc": "2.0", "id": 2, "method": .string(method), "params": params]))
    }

    /// One stateful MCP session: initialize, then the given request. Returns the response.
    func mcp(_ token: String, method: String, params: JSONValue = [:]) -> HTTPResponse {
        inSession(openSession(token), method: method, params: params)
    }

    func callTool(_ token: String, _ name: String, _ arguments: JSONValue) -> (HTTPResponse, JSONValue) {
        let response = mcp(token, method: "tools/call", params: ["name": .string(name), "arguments": arguments])
        return (response, Self.json(response))
    }
}
