import Essentials
import HTTPServer

extension MCPEndpoint {
    /// POST (Streamable HTTP "Sending Messages to the Server"): the transport checks every era
    /// shares (`Accept`, `Content-Type`, JSON), then the strategy of the request's era.
    func handlePost(_ exchange: MCPExchange) -> HTTPResponse {
        let accepted = exchange.fields.acceptedTypes
        guard accepted.json, accepted.eventStream else {
            return transportError(.notAcceptable, "Not Acceptable: the Accept header must list both application/json and text/event-stream (got \"\(exchange.fields.accept.joined(separator: ", "))\")")
        }
        guard exchange.fields.isJSONContent else {
            return transportError(.unsupportedMediaType, "Unsupported Media Type: Content-Type must be application/json (got \"\(exchange.fields.contentType ?? "none")\")")
        }
        let body: JSONValue
        do {
            body = try JSONParser.parse(exchange.request.body)
        } catch {
            return transportError(.badRequest, code: JSONRPCErrorObject.parseErrorCode, "Parse error: the body is not valid JSON (\(error))")
        }
        if case .object = body {
            exchange.context.outcome.update(MCPRequestOutcome.self, initial: MCPRequestOutcome()) { $0.rpcMethod = body["method"]?.stringValue }
        }
        // A modern-only endpoint treats everything as 2026-07-28: an initialize then fails its
        // validation with an error naming the versions served (2026-07-28 "Versioning").
        let era = configuration.serves(.legacy) ? requestEra(body, fields: exchange.fields) : .modern
        switch era {
        case .legacy:
            return handleLegacyPost(body, exchange: exchange)
        case .modern where configuration.serves(.modern):
            return handleModernPost(body, exchange: exchange)
        case .modern:
            let method = body["method"]?.stringValue ?? exchange.fields.mcpMethod ?? "-"
            logger.info("refused a 2026-07-28 request: this endpoint serves legacy revisions only", [("method", method)])
            Self.noteError(in: exchange.context.outcome, code: JSONRPCErrorObject.methodNotFoundCode,
                           message: "2026-07-28 request refused: this endpoint serves legacy revisions only")
            return configuration.modernRequestRefusal(MCPModernRequest(
                id: body["id"].flatMap(JSONRPCID.init), method: method,
                requestedVersion: body["params"]?["_meta"]?[MCPModernMeta.protocolVersion]?.stringValue ?? exchange.fields.protocolVersion,
                supportedVersions: supportedVersionsNewestFirst))
        }
    }

    /// The era a dual-era server serves this request in (2026-07-28 "Versioning" §Backward
    /// Compatibility): `initialize` and batches are legacy; `server/discover`,
    /// `subscriptions/listen`, per-request `_meta` with a protocol version, or a sessionless request
    /// with a 2026 `MCP-Protocol-Version` or an `Mcp-Method` header are modern.
    func requestEra(_ body: JSONValue, fields: MCPRequestHeaders) -> MCPEra {
        guard case .object(let object) = body else { return .legacy }
        switch object["method"]?.stringValue {
        case "initialize": return .legacy
        case "server/discover", "subscriptions/listen": return .modern
        default: break
        }
        if object["params"]?["_meta"]?[MCPModernMeta.protocolVersion] != nil { return .modern }
        let sessionless = !configuration.statefulSessions || fields.sessionID == nil
        guard sessionless else { return .legacy }
        if fields.hasMcpMethod { return .modern }
        if let header = fields.protocolVersion, MCPProtocolVersion.isDate(header), MCPProtocolVersion(header).era == .modern {
            return .modern
        }
        return .legacy
    }

    /// Legacy strategy: `initialize`, sessions, the 2025-03-26 batch, one message per POST.
    private func handleLegacyPost(_ body: JSONValue, exchange: MCPExchange) -> HTTPResponse {
        var exchange = exchange
        if case .array(let elements) = body {
            return handleBatch(elements, exchange: &exchange)
        }
        let message: JSONRPCMessage
        do {
            message = try JSONRPCMessage.decode(body)
        } catch {
            return .json(Self.errorBytes(id: error.id, error: error.error), status: .badRequest)
        }
        if case .request(let id, "initialize", let params) = message {
            return handleInitialize(id: id, params: params, exchange: exchange)
        }
        if let refusal = resolveSession(&exchange) { return refusal }
        noteSession(exchange, issued: false)

        switch message {
        case .notification(let method, let params):
            handleNotification(method, params: params, exchange: exchange)
            return accepted202(exchange)
        case .response:
            return accepted202(exchange)
        case .request(let id, let method, let params):
            let output = handleRequest(id: id, method: method, params: params, exchange: exchange)
            return render([output], exchange: exchange, asBatch: false)
        }
    }

    /// A JSON-RPC batch: answered only when the revision is 2025-03-26 (batches were removed in
    /// 2025-06-18, "Key Changes").
    private func handleBatch(_ elements: [JSONValue], exchange: inout MCPExchange) -> HTTPResponse {
        guard !elements.isEmpty else {
            return transportError(.badRequest, "Invalid Request: an empty JSON array is not a JSON-RPC batch")
        }
        for element in elements where element["method"] == .string("initialize") {
            return transportError(.badRequest, "Invalid Request: initialize must not be part of a JSON-RPC batch")
        }
        exchange.context.outcome.update(MCPRequestOutcome.self, initial: MCPRequestOutcome()) { $0.rpcMethod = elements.first?["method"]?.stringValue }
        if let refusal = resolveSession(&exchange) { return refusal }
        noteSession(exchange, issued: false)
        guard exchange.version.allowsBatches else {
            return transportError(.badRequest, "Invalid Request: JSON-RPC batches are not supported in 2025-06-18+ (this exchange speaks \(exchange.version)); send one message per POST")
        }
        var outputs: [MCPDispatchOutput] = []
        for element in elements {
            do {
                switch try JSONRPCMessage.decode(element) {
                case .notification(let method, let params):
                    handleNotification(method, params: params, exchange: exchange)
                case .response:
                    break
                case .request(let id, let method, let params):
                    outputs.append(handleRequest(id: id, method: method, params: params, exchange: exchange))
                }
            } catch {
                outputs.append(.response(Self.errorBytes(id: error.id, error: error.error), notifications: []))
            }
        }
        guard !outputs.isEmpty else { return accepted202(exchange) }
        return render(outputs, exchange: exchange, asBatch: true)
    }

    /// Finds the session (stateful) and the revision the exchange speaks; nil when it may proceed.
    func resolveSession(_ exchange: inout MCPExchange) -> HTTPResponse? {
        let headerVersion = exchange.fields.protocolVersion
        if configuration.statefulSessions {
            guard let sessionID = exchange.fields.sessionID else {
                return transportError(.badRequest, "Bad Request: Mcp-Session-Id header is required; send initialize first to open a session")
            }
            switch sessions.lookup(sessionID, bindingKey: exchange.bindingKey) {
            case .success(let session):
                exchange.session = session
                exchange.version = session.protocolVersion
            case .failure(let miss):
                let reason: String
                switch miss.miss {
                case .expired: reason = "it expired after \(formatSeconds(configuration.sessionIdleTimeout)) without use"
                case .deleted: reason = "it was terminated"
                case .unknown, .foreign: reason = "no such session exists"
                }
                if miss.miss == .foreign {
                    logger.notice("session id presented with another principal's token", [("session", Redact.secret(sessionID))])
                }
                return transportError(.notFound, "Not Found: session \(sessionID.prefix(8))… is not valid (\(reason)); send initialize without Mcp-Session-Id to start a new one")
            }
        }
        if let headerVersion {
            guard legacyVersions.contains(MCPProtocolVersion(headerVersion)) else {
                return transportError(.badRequest, "Bad Request: unsupported MCP-Protocol-Version \"\(headerVersion)\" for a handshake-era request; supported versions: \(supportedVersionList)\(modernVersions.isEmpty ? "" : " (2026-07-28 requests carry _meta and no session)")")
            }
            // A supported version that differs from the negotiated one is tolerated: the spec
            // only requires 400 for invalid or unsupported values; the session's version rules.
            if exchange.session == nil { exchange.version = MCPProtocolVersion(headerVersion) }
        }
        return nil
    }

    /// Records the session and revision the exchange ended up with.
    func noteSession(_ exchange: MCPExchange, issued: Bool) {
        exchange.context.outcome.update(MCPRequestOutcome.self, initial: MCPRequestOutcome()) {
            $0.sessionID = exchange.session?.id
            $0.sessionIssued = issued
            $0.protocolVersion = exchange.version.rawValue
        }
    }

    func accepted202(_ exchange: MCPExchange) -> HTTPResponse {
        var response = HTTPResponse(status: .accepted)
        if let session = exchange.session { response.headers.add("Mcp-Session-Id", session.id) }
        return response
    }

    private func formatSeconds(_ seconds: Double) -> String {
        seconds.rounded() == seconds ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
