import Foundation
import Testing
import CryptoPrimitives
import Essentials
import HTTPServer
import Synchronization
@testable import OAuth

/// A small policy for tests: a fixed set of clients and people, DCR approved when every redirect
/// URI is on `automaticRedirects`, and withdrawable authorizations.
final class FakePolicy: OAuthPolicy {
    struct Contents {
        var clients: [String: OAuthClient] = [:]
        var subjects: [OAuthSubject] = []
        var automaticRedirects: [String] = []
        var withdrawn: [String: String] = [:]
        var registrations: [ClientRegistrationRequest] = []
        var allowMetadataDocuments = true
    }

    let contents = Mutex(Contents())

    static let allScopes = ["mcp:ai-ask:read", "mcp:ai-briefer:read", "mcp:ai-assistant:read"]

    init() {
        contents.withLock { state in
            state.subjects = [
                OAuthSubject(id: "u-ada", displayName: "Ada Admin", email: "ada@example.com"),
                OAuthSubject(id: "u-bob", displayName: "Bob Builder", email: "bob@example.com"),
                OAuthSubject(id: "u-col", displayName: "Cleo Collaborator", email: "cleo@example.com", canAuthorize: false,
                             refusalReason: "Collaborator seats cannot connect to the Gong MCP server"),
            ]
            state.automaticRedirects = ["https://auto.example.com/callback", "http://localhost/cb"]
        }
        add(Self.manualClient(id: "manual-1", secret: "s3cret", redirects: ["https://client.example.com/cb", "http://127.0.0.1/callback"]))
    }

    static func manualClient(id: String, secret: String?, redirects: [String], scopes: Set<String> = Set(allScopes)) -> OAuthClient {
        OAuthClient(id: id, name: "Manual <Integration>", secret: secret, kind: .preRegistered, allowedScopes: scopes,
                    displayAttributes: [("Authorization context", "Personal access")],
                    redirectDecision: { RedirectURIMatcher.decision(for: $0, registered: redirects) })
    }

    func add(_ client: OAuthClient) { contents.withLock { $0.clients[client.id] = client } }

    func withdraw(clientID: String, subjectID: String, reason: String) {
        contents.withLock { $0.withdrawn["\(clientID)|\(subjectID)"] = reason }
    }

    func client(id: String) -> OAuthClient? { contents.withLock { $0.clients[id] } }

    var dynamicRegistrationAvailable: Bool { contents.withLock { !$0.automaticRedirects.isEmpty } }

    func registerClient(_ request: ClientRegistrationRequest) -> Result<OAuthClient, RegistrationRefusal> {
        let allowed = contents.withLock { $0.automaticRedirects }
        for uri in request.redirectURIs where !allowed.contains(uri) {
            return .failure(RegistrationRefusal(.invalidRedirectURI, "redirect URI \(uri) is not approved by any AUTOMATIC integration"))
        }
        let redirects = request.redirectURIs
        let client = OAuthClient(
            id: request.clientID, name: request.clientName ?? "Dynamic client", secret: request.clientSecret, kind: .dynamic,
            allowedAuthMethods: [request.tokenEndpointAuthMethod], registeredAuthMethod: request.tokenEndpointAuthMethod,
            allowedGrantTypes: Set(request.grantTypes), allowedScopes: ["mcp:ai-ask:read", "mcp:ai-briefer:read"],
            redirectDecision: { RedirectURIMatcher.decision(for: $0, registered: redirects) })
        contents.withLock { state in
            state.clients[client.id] = client
            state.registrations.append(request)
        }
        return .success(client)
    }

    func metadataDocumentClient(_ document: ClientMetadataDocument) -> Result<OAuthClient, MetadataDocumentRefusal> {
        guard contents.withLock({ $0.allowMetadataDocuments }) else { return .failure(MetadataDocumentRefusal("no AUTOMATIC integration approves it")) }
        return .success(OAuthClient(id: document.clientID, name: document.clientName, secret: nil, kind: .metadataDocument,
                                    allowedScopes: Set(Self.allScopes), redirectDecision: document.redirectDecision))
    }

    func users(for client: OAuthClient) -> [OAuthSubject] { contents.withLock { $0.subjects } }

    func subject(matching idOrEmail: String, for client: OAuthClient) -> OAuthSubject? {
        contents.withLock { state in
            state.subjects.first { $0.id == idOrEmail || $0.email.lowercased() == idOrEmail.lowercased() }
        }
    }

    func additionalClaims(subject: OAuthSubject, client: OAuthClient) -> JSONObject {
        JSONObject([("integration_id", .string(client.id)), ("authorization_context", "PERSONAL"), ("iss", "https://evil.example")])
    }

    func isAuthorizationStillValid(clientID: String, subjectID: String) -> String? {
        contents.withLock { $0.withdrawn["\(clientID)|\(subjectID)"] }
    }
}

/// An authorization server on a manual clock, spoken to through its router.
struct Harness {
    static let issuer = "http://127.0.0.1:7777"
    static let resource = "http://127.0.0.1:7777/mcp"
    static let redirect = "https://client.example.com/cb"
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

    let server: OAuthServer
    let router: Router
    let clock: ManualClock
    let policy: FakePolicy
    let sink: MemoryLogSink
    let events: EventLog

    init(_ configure: (inout OAuthConfiguration) -> Void = { _ in }) throws {
        var configuration = OAuthConfiguration(issuer: Self.issuer, resource: Self.resource, scopesSupported: FakePolicy.allScopes)
        configuration.clientMetadataDocuments = .builtIn
        configure(&configuration)
        clock = ManualClock()
        policy = FakePolicy()
        sink = MemoryLogSink()
        let events = EventLog()
        self.events = events
        server = try OAuthServer(configuration: configuration, policy: policy, clock: clock,
                                 logger: Logger(category: "oauth", sink: sink, clock: clock),
                                 onDecision: { event in events.append(event) })
        var router = Router()
        server.install(into: &router)
        self.router = router
    }

    func send(_ request: HTTPRequest) throws -> HTTPResponse {
        try router.respond(to: request, context: RequestContext())
    }

    func get(_ path: String, _ query: [(String, String)] = []) throws -> HTTPResponse {
        try send(HTTPRequest(method: .get, target: query.isEmpty ? path : path + "?" + URLEncodedForm.encode(query)))
    }

    func post(_ path: String, form: [(String, String)], headers: HTTPHeaders = HTTPHeaders(), query: [(String, String)] = []) throws -> HTTPResponse {
        var headers = headers
        headers.add("Content-Type", "application/x-www-form-urlencoded")
        let target = query.isEmpty ? path : path + "?" + URLEncodedForm.encode(query)
        return try send(HTTPRequest(method: .post, target: target, headers: headers, body: Array(URLEncodedForm.encode(form).utf8)))
    }

    func postJSON(_ path: String, _ body: JSONValue) throws -> HTTPResponse {
        try send(HTTPRequest(method: .post, target: path, headers: ["Content-Type": "application/json"], body: JSONSerializer.bytes(body)))
    }

    /// A valid authorization request's parameters, with overrides (nil value removes).
    static func authorizeQuery(_ overrides: [String: String?] = [:], clientID: String = "manual-1") -> [(String, String)] {
        var base: [(String, String?)] = [
            ("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirect), ("state", "st-123"),
            ("code_challenge", challenge), ("code_challenge_method", "S256"), ("resource", resource),
        ]
        for (key, value) in overrides {
            if let index = base.firstIndex(where: { $0.0 == key }) { base[index].1 = value } else { base.append((key, value)) }
        }
        return base.compactMap { pair in pair.1.map { (pair.0, $0) } }
    }

    /// Runs authorize (auto-approve must be on, or `subject` approves on the consent page) and returns the code.
    func code(query: [(String, String)] = Harness.authorizeQuery(), subject: String = "u-ada") throws -> String {
        var response = try get("/oauth2/authorize", query)
        if response.status == .ok {
            let transaction = try #require(Self.transaction(in: response))
            response = try post("/oauth2/authorize/decision", form: [("transaction", transaction), ("subject", subject), ("decision", "approve")])
        }
        let location = try #require(response.headers["Location"])
        return try #require(Self.queryItems(location).first { $0.name == "code" }?.value)
    }

    func tokens(code: String, clientID: String = "manual-1", secret: String = "s3cret") throws -> JSONObject {
        let response = try post("/oauth2/token", form: [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Self.redirect), ("code_verifier", Self.verifier),
            ("client_id", clientID), ("client_secret", secret),
        ])
        #expect(response.status == .ok)
        return try Self.json(response)
    }

    static func queryItems(_ location: String) -> [(name: String, value: String)] {
        guard let mark = location.firstIndex(of: "?") else { return [] }
        return URLEncodedForm.parse(String(location[location.index(after: mark)...]))
    }

    static func transaction(in response: HTTPResponse) -> String? {
        let html = body(response)
        guard let range = html.range(of: "name=\"transaction\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    static func body(_ response: HTTPResponse) -> String {
        if case .bytes(let bytes) = response.body { return String(decoding: bytes, as: UTF8.self) }
        return ""
    }

    static func json(_ response: HTTPResponse) throws -> JSONObject {
        try #require(try JSONParser.parse(body(response)).objectValue)
    }

    static func basic(_ id: String, _ secret: String) -> HTTPHeaders {
        ["Authorization": "Basic " + Base64.encode(Array("\(id):\(secret)".utf8))]
    }

    var recordedEvents: [OAuthDecisionEvent] { events.all }
}

/// Decision events collected from the server's handler.
final class EventLog: Sendable {
    private let events = Mutex<[OAuthDecisionEvent]>([])
    func append(_ event: OAuthDecisionEvent) { events.withLock { $0.append(event) } }
    var all: [OAuthDecisionEvent] { events.withLock { $0 } }
}
