import Essentials
import HTTPServer
import Synchronization

/// The MCP Streamable HTTP endpoint (MCP 2025-11-25 "Transports" §Streamable HTTP, with the
/// 2025-03-26 and 2025-06-18 behaviours a client of those revisions expects, and 2026-07-28
/// "Streamable HTTP" for the modern era): POST for JSON-RPC messages, GET for the legacy
/// server-to-client SSE stream, DELETE to end a legacy session, OPTIONS for CORS preflights.
///
/// Order of checks on every request: `Host` (421), `Origin` (403), method (405), then the
/// authenticator (its own 401), and only then anything MCP, so every era meets the same gate.
/// A POST passes the shared transport checks, then the era strategy the request belongs to
/// (2026-07-28 "Versioning" §Backward Compatibility) feeds the one method table.
/// Mount it on the MCP path of a `Router` (all four methods) or call `respond` directly.
public final class MCPEndpoint: HTTPResponder, Sendable {
    public let configuration: MCPServerConfiguration
    public let registry: MCPToolRegistry
    public let sessions: MCPSessionStore
    let authenticator: (any MCPAuthenticator)?
    let logger: Logger
    let methods = MCPMethodTable.standard
    let legacyVersions: Set<MCPProtocolVersion>
    let modernVersions: Set<MCPProtocolVersion>
    /// Every supported revision, newest first (`supportedVersions` of discover and -32022).
    let supportedVersionsNewestFirst: [MCPProtocolVersion]
    /// The legacy revisions, oldest first, for the session-era version refusal.
    let supportedVersionList: String
    /// Serialised initialize results per negotiated revision.
    let initializeResults: [MCPProtocolVersion: [UInt8]]
    /// Serialised `server/discover` result (2026-07-28 "Discovery").
    let discoverResult: [UInt8]
    /// Open `subscriptions/listen` streams, for `notifyToolsListChanged`.
    let listeners = MCPListenerSet()
    /// Stream numbers for event ids when there is no session (stateless mode).
    let statelessStreams = Atomic<Int>(0)
    /// Running stateless requests, for `notifications/cancelled` from the same principal.
    let statelessInFlight = Mutex<[StatelessRequestKey: MCPCancellationFlag]>([:])

    struct StatelessRequestKey: Hashable {
        let owner: String?
        let id: JSONRPCID
    }

    public init(
        configuration: MCPServerConfiguration,
        tools: [MCPTool],
        authenticator: (any MCPAuthenticator)? = nil,
        clock: any ServerClock = SystemClock(),
        logger: Logger = Logger(category: "mcp")
    ) throws(MCPConfigurationError) {
        guard !configuration.supportedVersions.isEmpty else { throw MCPConfigurationError("supportedVersions must not be empty") }
        if let unknown = configuration.supportedVersions.first(where: { !MCPProtocolVersion.all.contains($0) }) {
            throw MCPConfigurationError("protocol version \(unknown) is not implemented (known: \(MCPProtocolVersion.all.map(\.rawValue).joined(separator: ", ")))")
        }
        guard configuration.sessionIdleTimeout > 0 else { throw MCPConfigurationError("sessionIdleTimeout must be positive") }
        self.configuration = configuration
        self.registry = try MCPToolRegistry(tools: tools, pageSize: configuration.toolsPageSize, versions: configuration.supportedVersions,
                                            cache: (configuration.listCacheTTLMilliseconds, configuration.listCacheScope),
                                            resultMeta: Self.serverInfoMeta(configuration))
        self.sessions = MCPSessionStore(idleTimeout: configuration.sessionIdleTimeout, maximumSessions: configuration.maximumSessions, clock: clock)
        self.authenticator = authenticator
        self.logger = logger
        self.legacyVersions = Set(configuration.supportedVersions.filter { $0.era == .legacy })
        self.modernVersions = Set(configuration.supportedVersions.filter { $0.era == .modern })
        self.supportedVersionsNewestFirst = Set(configuration.supportedVersions).sorted(by: >)
        self.supportedVersionList = legacyVersions.sorted().map(\.rawValue).joined(separator: ", ")
        var results: [MCPProtocolVersion: [UInt8]] = [:]
        for version in legacyVersions {
            results[version] = JSONSerializer.bytes(Self.initializeResult(configuration, version: version))
        }
        self.initializeResults = results
        self.discoverResult = JSONSerializer.bytes(Self.discoverResult(configuration, versions: supportedVersionsNewestFirst))
    }

    static func initializeResult(_ configuration: MCPServerConfiguration, version: MCPProtocolVersion) -> JSONValue {
        var info = configuration.serverInfo
        if !version.supportsStructuredOutput { info.title = nil }
        var result = JSONObject()
        result["protocolVersion"] = .string(version.rawValue)
        result["capabilities"] = ["logging": [:], "tools": ["listChanged": false]]
        result["serverInfo"] = info.jsonValue
        if let instructions = configuration.instructions { result["instructions"] = .string(instructions) }
        return .object(result)
    }

    // MARK: - HTTPResponder

    public func respond(to request: HTTPRequest, context: RequestContext) -> HTTPResponse {
        let fields = MCPRequestHeaders(request.headers)
        return dispatch(request, fields: fields, context: context)
    }

    private func dispatch(_ request: HTTPRequest, fields: MCPRequestHeaders, context: RequestContext) -> HTTPResponse {
        if let problem = MCPRequestChecks.hostProblem(fields.host, check: configuration.hostCheck) {
            logger.notice("refused Host", [("host", fields.host ?? "-"), ("remote", context.remoteAddress)])
            return .text(problem + "\n", status: .misdirectedRequest)
        }
        if let problem = MCPRequestChecks.originProblem(fields.origin, allowed: configuration.allowedOrigins) {
            logger.notice("refused Origin", [("origin", fields.origin ?? "-"), ("remote", context.remoteAddress)])
            return .text(problem + "\n", status: .forbidden)
        }
        switch request.method {
        case .options: return preflight()
        case .post, .get, .delete: break
        default:
            return transportError(.methodNotAllowed, "Method Not Allowed: the MCP endpoint answers \(allowedMethods)",
                                  headers: ["Allow": allowedMethods])
        }
        var principal: MCPPrincipal?
        if let authenticator {
            switch authenticator.authenticate(request) {
            case .authenticated(let who): principal = who
            case .rejected(let response): return response
            }
            context.outcome.update(MCPRequestOutcome.self, initial: MCPRequestOutcome()) { $0.principal = principal }
        }
        let exchange = MCPExchange(request: request, fields: fields, context: context, principal: principal, session: nil,
                                   version: configuration.serves(.legacy) ? MCPProtocolVersion.assumedWhenAbsent : .v2026_07_28)
        switch request.method {
        case .post: return handlePost(exchange)
        case .get: return handleGet(exchange)
        default: return handleDelete(exchange)
        }
    }

    /// The methods this endpoint answers with the current switches.
    var allowedMethods: String {
        var methods = ["POST"]
        // GET and DELETE belong to legacy sessions; 2026-07-28 has neither (405).
        let sessions = configuration.statefulSessions && configuration.serves(.legacy)
        if sessions && configuration.getStreamEnabled { methods.insert("GET", at: 0) }
        if sessions && configuration.deleteEnabled { methods.append("DELETE") }
        methods.append("OPTIONS")
        return methods.joined(separator: ", ")
    }

    /// A preflight reaching the endpoint (CORS off, or an origin CORS does not allow): the
    /// methods, no CORS headers. CORS, when on, is `CORSMiddleware`'s job for every route.
    private func preflight() -> HTTPResponse {
        HTTPResponse(status: .noContent, headers: ["Allow": allowedMethods])
    }

    // MARK: - Error responses

    /// A refused HTTP exchange with an id-less JSON-RPC error body (Streamable HTTP: "optional
    /// JSON-RPC error response that has no id"), as the official SDKs send.
    func transportError(_ status: HTTPStatus, code: Int = JSONRPCErrorObject.invalidRequestCode, _ message: String,
                        headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        Self.noteError(in: RequestOutcome.current, code: code, message: message)
        return .json(JSONRPCEncoding.error(id: nil, error: JSONRPCErrorObject(code: code, message: message)), status: status, headers: headers)
    }

    /// A JSON-RPC error response, recorded in the current request's `MCPRequestOutcome`.
    static func errorBytes(id: JSONRPCID?, error: JSONRPCErrorObject) -> [UInt8] {
        noteError(in: RequestOutcome.current, code: error.code, message: error.message)
        return JSONRPCEncoding.error(id: id, error: error)
    }

    /// Records the first error a request met in its `MCPRequestOutcome`.
    static func noteError(in outcome: RequestOutcome?, code: Int, message: String) {
        outcome?.update(MCPRequestOutcome.self, initial: MCPRequestOutcome()) { recorded in
            guard recorded.errorCode == nil else { return }
            recorded.errorCode = code
            recorded.errorMessage = message
        }
    }

    /// The 403 step-up challenge of MCP "Authorization" §Scope Challenge Handling (RFC 6750 §3.1):
    /// `scope` names the required scopes first, then those already held.
    public static func insufficientScopeResponse(toolName: String, requiredScopes: [String], heldScopes: Set<String>,
                                                 resourceMetadataURL: String?) -> HTTPResponse {
        let missing = requiredScopes.filter { !heldScopes.contains($0) }
        var scopes = requiredScopes
        for held in heldScopes.sorted() where !scopes.contains(held) { scopes.append(held) }
        let description = "The access token lacks the scope required by tool \(toolName): \(missing.joined(separator: " "))"
        var challenge = "Bearer error=\"insufficient_scope\", scope=\"\(scopes.joined(separator: " "))\""
        if let resourceMetadataURL { challenge += ", resource_metadata=\"\(resourceMetadataURL)\"" }
        challenge += ", error_description=\"\(description)\""
        var body = JSONObject()
        body["error"] = "insufficient_scope"
        body["error_description"] = .string(description)
        body["scope"] = .string(scopes.joined(separator: " "))
        return .json(JSONSerializer.bytes(.object(body)), status: .forbidden, headers: ["WWW-Authenticate": challenge])
    }
}
