import Essentials
import HTTPServer

extension MCPEndpoint {
    /// `initialize` (MCP "Lifecycle" §Initialization): negotiates the revision (echo a supported
    /// one, else the latest) and, when stateful, opens a session. Any `Mcp-Session-Id` sent along
    /// is ignored, so a valid initialize never meets a 400/404.
    func handleInitialize(id: JSONRPCID, params: JSONValue?, exchange: MCPExchange) -> HTTPResponse {
        var exchange = exchange
        guard case .object(let object)? = params else {
            let output = MCPDispatchOutput.response(Self.errorBytes(id: id, error: .invalidParams("Invalid params: initialize requires a params object with protocolVersion, capabilities and clientInfo")), notifications: [])
            return render([output], exchange: exchange, asBatch: false)
        }
        guard case .string(let requested)? = object["protocolVersion"] else {
            let output = MCPDispatchOutput.response(Self.errorBytes(id: id, error: .invalidParams("Invalid params: initialize requires params.protocolVersion (a string such as \"\(configuration.latestVersion)\")")), notifications: [])
            return render([output], exchange: exchange, asBatch: false)
        }
        let negotiated = legacyVersions.contains(MCPProtocolVersion(requested)) ? MCPProtocolVersion(requested) : configuration.latestVersion
        exchange.version = negotiated
        if configuration.statefulSessions {
            exchange.session = sessions.create(protocolVersion: negotiated, bindingKey: exchange.bindingKey,
                                               clientInfo: object["clientInfo"]?.objectValue, logLevel: configuration.defaultLogLevel)
        }
        noteSession(exchange, issued: exchange.session != nil)
        logger.info("initialize", [
            ("requested", requested), ("negotiated", negotiated.rawValue),
            ("client", object["clientInfo"]?["name"]?.stringValue ?? "-"),
            ("session", exchange.session.map { Redact.secret($0.id) } ?? "stateless"),
        ])
        let resultBytes = initializeResults[negotiated] ?? JSONSerializer.bytes(Self.initializeResult(configuration, version: negotiated))
        return render([.response(JSONRPCEncoding.result(id: id, resultBytes: resultBytes), notifications: [])],
                      exchange: exchange, asBatch: false)
    }

    /// Client notifications: `initialized`, `cancelled`; anything else is acknowledged and ignored.
    func handleNotification(_ method: String, params: JSONValue?, exchange: MCPExchange) {
        switch method {
        case "notifications/initialized":
            exchange.session?.markInitialized()
        case "notifications/cancelled":
            // MCP "Cancellation": unknown or finished ids are ignored; initialize is never
            // in flight, so it cannot be cancelled.
            guard let requestID = params?["requestId"].flatMap(JSONRPCID.init) else { return }
            let found: Bool
            if let session = exchange.session {
                found = session.cancelRequest(requestID)
            } else {
                let flag = statelessInFlight.withLock { $0[StatelessRequestKey(owner: exchange.bindingKey, id: requestID)] }
                flag?.cancel()
                found = flag != nil
            }
            logger.debug("cancellation", [("request", requestID.description), ("inFlight", String(found))])
        default:
            logger.debug("ignored notification", [("method", method)])
        }
    }

    /// A request of either era, looked up in the method table for the exchange's era.
    func handleRequest(id: JSONRPCID, method: String, params: JSONValue?, exchange: MCPExchange) -> MCPDispatchOutput {
        if let params, params.objectValue == nil {
            return .error(id, .invalidParams("Invalid params: \(method) takes its params as a JSON object, not an array"))
        }
        guard let entry = methods.entry(method, era: exchange.era) else {
            return .error(id, methodNotFound(method, era: exchange.era))
        }
        return entry.handle(self, MCPCall(id: id, method: method, params: params?.objectValue ?? JSONObject(), exchange: exchange))
    }

    func methodNotFound(_ method: String, era: MCPEra) -> JSONRPCErrorObject {
        if method.hasPrefix("notifications/") {
            return .methodNotFound("Method not found: \(method) is a notification; send it without an id")
        }
        if era == .legacy && method == "initialize" {
            return .invalidRequest("Invalid Request: initialize must not be batched")
        }
        var offered = methods.names(of: era)
        if era == .legacy { offered.insert("initialize", at: 0) }
        var message = "Method not found: \(method) (this server offers \(offered.joined(separator: ", ")) in MCP \(era == .modern ? "2026-07-28" : "revisions up to 2025-11-25"))"
        if era == .modern, ["initialize", "ping", "logging/setLevel"].contains(method) {
            message += "; \(method) was removed in 2026-07-28"
        }
        return .methodNotFound(message)
    }

    /// `tools/list` (MCP "Tools" §Listing Tools, "Pagination"); precomputed pages per revision.
    func listTools(_ call: MCPCall) -> MCPDispatchOutput {
        var cursor: String?
        if let value = call.params["cursor"], !value.isNull {
            guard case .string(let text) = value else { return .error(call.id, .invalidParams("Invalid params: cursor must be a string")) }
            cursor = text
        }
        guard let page = registry.page(cursor: cursor, version: call.exchange.version) else {
            return .error(call.id, .invalidParams("Invalid params: unknown cursor; pass the nextCursor of a previous tools/list result, or none for the first page"))
        }
        return .result(call.id, page)
    }

    /// `logging/setLevel` (legacy "Logging"): the session's minimum level.
    func setLogLevel(_ call: MCPCall) -> MCPDispatchOutput {
        guard case .string(let name)? = call.params["level"], let level = MCPLogLevel(name: name) else {
            let names = MCPLogLevel.allCases.map(\.name).joined(separator: ", ")
            return .error(call.id, .invalidParams("Invalid params: level must be one of \(names) (got \(call.params["level"].map { $0.description } ?? "nothing"))"))
        }
        call.exchange.session?.setLogLevel(level)
        return .result(call.id, Self.emptyObject)
    }

    static let emptyObject: [UInt8] = Array("{}".utf8)

    /// `tools/call` (MCP "Tools" §Calling Tools): unknown tool → -32602; scope check → 403;
    /// the handler's outcome otherwise.
    func callTool(_ call: MCPCall) -> MCPDispatchOutput {
        let id = call.id, params = call.params, exchange = call.exchange
        func error(_ error: JSONRPCErrorObject) -> MCPDispatchOutput { .error(id, error) }
        guard case .string(let name)? = params["name"] else {
            return error(.invalidParams("Invalid params: tools/call requires params.name (a string)"))
        }
        exchange.context.outcome.update(MCPRequestOutcome.self, initial: MCPRequestOutcome()) { $0.tool = name }
        guard let tool = registry.tool(named: name) else {
            return error(.invalidParams("Unknown tool: \(name)"))
        }
        var arguments = JSONObject()
        if let value = params["arguments"], !value.isNull {
            guard case .object(let object) = value else {
                return error(.invalidParams("Invalid params: arguments must be a JSON object, got \(value.kindName)"))
            }
            arguments = object
        }
        var meta: JSONObject?
        if let value = params["_meta"], !value.isNull {
            guard case .object(let object) = value else { return error(.invalidParams("Invalid params: _meta must be an object")) }
            meta = object
        }
        if let principal = exchange.principal, !tool.requiredScopes.allSatisfy(principal.scopes.contains) {
            logger.info("insufficient scope", [("tool", name), ("client", principal.clientID)])
            return .http(Self.insufficientScopeResponse(toolName: name, requiredScopes: tool.requiredScopes,
                                                        heldScopes: principal.scopes, resourceMetadataURL: configuration.resourceMetadataURL))
        }

        let flag = MCPCancellationFlag()
        let invocation = MCPToolInvocation(
            toolName: name, arguments: arguments, principal: exchange.principal, sessionID: exchange.session?.id,
            protocolVersion: exchange.version, requestID: id, meta: meta, request: exchange.request, context: exchange.context,
            cancellation: flag, streaming: configuration.responseMode == .sse,
            minimumLogLevel: exchange.era == .modern ? exchange.requestLogLevel : exchange.session?.logLevel ?? configuration.defaultLogLevel)
        let statelessKey = StatelessRequestKey(owner: exchange.bindingKey, id: id)
        if let session = exchange.session {
            session.beginRequest(id, flag: flag)
        } else {
            statelessInFlight.withLock { $0[statelessKey] = flag }
        }
        let outcome = tool.handler(invocation)
        if let session = exchange.session {
            session.endRequest(id)
        } else {
            statelessInFlight.withLock { table in
                if table[statelessKey] === flag { table[statelessKey] = nil }
            }
        }
        let notifications = invocation.finish()
        if flag.isCancelled {
            logger.info("tool call cancelled; response suppressed", [("tool", name), ("request", id.description)])
            return .suppressed(notifications: notifications)
        }
        switch outcome {
        case .result(let result):
            return .response(result.response(id: id, for: exchange.version), notifications: notifications)
        case .protocolError(let code, let message, let data):
            return .response(Self.errorBytes(id: id, error: JSONRPCErrorObject(code: code, message: message, data: data)),
                             notifications: notifications)
        case .httpResponse(let response):
            return .http(response)
        }
    }
}
