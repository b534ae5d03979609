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
        let negotiated = supportedVersions.contains(requested) ? requested : configuration.latestVersion
        exchange.version = negotiated
        if configuration.statefulSessions {
            exchange.session = sessions.create(protocolVersion: negotiated, bindingKey: exchange.bindingKey,
                                               clientInfo: object["clientInfo"]?.objectValue, logLevel: configuration.defaultLogLevel)
        }
        noteSession(exchange, issued: exchange.session != nil)
        logger.info("initialize", [
            ("requested", requested), ("negotiated", negotiated),
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

    /// Requests after initialize.
    func handleRequest(id: JSONRPCID, method: String, params: JSONValue?, exchange: MCPExchange) -> MCPDispatchOutput {
        func error(_ error: JSONRPCErrorObject) -> MCPDispatchOutput {
            .response(Self.errorBytes(id: id, error: error), notifications: [])
        }
        if let params, params.objectValue == nil {
            return error(.invalidParams("Invalid params: \(method) takes its params as a JSON object, not an array"))
        }
        let object = params?.objectValue ?? JSONObject()
        switch method {
        case "ping":
            return .response(JSONRPCEncoding.result(id: id, resultBytes: Self.emptyObject), notifications: [])
        case "tools/list":
            var cursor: String?
            if let value = object["cursor"], !value.isNull {
                guard case .string(let text) = value else { return error(.invalidParams("Invalid params: cursor must be a string")) }
                cursor = text
            }
            guard let page = registry.page(cursor: cursor, version: exchange.version) else {
                return error(.invalidParams("Invalid params: unknown cursor; pass the nextCursor of a previous tools/list result, or none for the first page"))
            }
            return .response(JSONRPCEncoding.result(id: id, resultBytes: page), notifications: [])
        case "tools/call":
            return callTool(id: id, params: object, exchange: exchange)
        case "logging/setLevel":
            guard case .string(let name)? = object["level"], let level = MCPLogLevel(name: name) else {
                let names = MCPLogLevel.allCases.map(\.name).joined(separator: ", ")
                return error(.invalidParams("Invalid params: level must be one of \(names) (got \(object["level"].map { $0.description } ?? "nothing"))"))
            }
            exchange.session?.setLogLevel(level)
            return .response(JSONRPCEncoding.result(id: id, resultBytes: Self.emptyObject), notifications: [])
        case "initialize":
            return error(.invalidRequest("Invalid Request: initialize must not be batched"))
        default:
            if method.hasPrefix("notifications/") {
                return error(.methodNotFound("Method not found: \(method) is a notification; send it without an id"))
            }
            return error(.methodNotFound("Method not found: \(method) (this server offers initialize, ping, tools/list, tools/call and logging/setLevel)"))
        }
    }

    static let emptyObject: [UInt8] = Array("{}".utf8)

    /// `tools/call` (MCP "Tools" §Calling Tools): unknown tool → -32602; scope check → 403;
    /// the handler's outcome otherwise.
    private func callTool(id: JSONRPCID, params: JSONObject, exchange: MCPExchange) -> MCPDispatchOutput {
        func error(_ error: JSONRPCErrorObject) -> MCPDispatchOutput {
            .response(Self.errorBytes(id: id, error: error), notifications: [])
        }
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
            minimumLogLevel: exchange.session?.logLevel ?? configuration.defaultLogLevel)
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
            let bytes = JSONRPCEncoding.result(id: id, resultBytes: result.encoded(for: exchange.version))
            return .response(bytes, notifications: notifications)
        case .protocolError(let code, let message, let data):
            return .response(Self.errorBytes(id: id, error: JSONRPCErrorObject(code: code, message: message, data: data)),
                             notifications: notifications)
        case .httpResponse(let response):
            return .http(response)
        }
    }
}
