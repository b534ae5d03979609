import Essentials
import HTTPServer

extension MCPEndpoint {
    /// Modern strategy (MCP 2026-07-28 "Streamable HTTP", SEP-2575): no session (an
    /// `Mcp-Session-Id` is ignored and none is minted), each request declares itself in `_meta`,
    /// the headers must agree with the body, then the method table answers.
    ///
    /// Order of refusals, as the conformance suite's `server-stateless` scenario probes them:
    /// malformed `_meta` → 400 -32602; header ↔ body disagreement → 400 -32020; version not
    /// served → 400 -32022 (`data.supported`, `data.requested`); unknown method → 404 -32601.
    func handleModernPost(_ body: JSONValue, exchange: MCPExchange) -> HTTPResponse {
        var exchange = exchange
        exchange.session = nil
        let message: JSONRPCMessage
        do {
            message = try JSONRPCMessage.decode(body)
        } catch {
            return .json(Self.errorBytes(id: error.id, error: error.error), status: .badRequest)
        }
        let id: JSONRPCID, method: String, params: JSONValue?
        switch message {
        case .notification(let name, _):
            // 2026-07-28 defines no client notifications on HTTP (cancellation is closing the
            // response stream); a notification is accepted and has no effect.
            logger.debug("ignored notification", [("method", name), ("era", "modern")])
            return HTTPResponse(status: .accepted)
        case .response:
            return transportError(.badRequest, "Invalid Request: a 2026-07-28 client sends no JSON-RPC responses (the server sends it no requests)")
        case .request(let requestID, let name, let requestParams):
            (id, method, params) = (requestID, name, requestParams)
        }
        func refuse(_ status: HTTPStatus, _ error: JSONRPCErrorObject) -> HTTPResponse {
            logger.info("refused 2026-07-28 request", [("method", method), ("code", String(error.code))])
            return .json(Self.errorBytes(id: id, error: error), status: status)
        }
        if let params, params.objectValue == nil {
            return refuse(.badRequest, .invalidParams("Invalid params: \(method) takes its params as a JSON object, not \(params.kindName)"))
        }
        let meta: MCPModernMeta
        switch MCPModernMeta.read(params, method: method, servedVersions: modernVersionList) {
        case .success(let read): meta = read
        case .failure(let error): return refuse(.badRequest, error)
        }
        if let mismatch = headerMismatch(method: method, params: params, version: meta.version, fields: exchange.fields) {
            return refuse(.badRequest, .headerMismatch("Header mismatch: \(mismatch)"))
        }
        let version = MCPProtocolVersion(meta.version)
        guard modernVersions.contains(version) else {
            var data = JSONObject()
            data["supported"] = .array(supportedVersionsNewestFirst.map { .string($0.rawValue) })
            data["requested"] = .string(meta.version)
            let legacyHint = version.era == .legacy && !legacyVersions.isEmpty ? " (\(meta.version) is served through initialize)" : ""
            return refuse(.badRequest, JSONRPCErrorObject(
                code: JSONRPCErrorObject.unsupportedProtocolVersionCode,
                message: "Unsupported protocol version: \(meta.version)\(legacyHint); this server supports \(supportedVersionsNewestFirst.map(\.rawValue).joined(separator: ", "))",
                data: .object(data)))
        }
        guard methods.entry(method, era: .modern) != nil else {
            return refuse(.notFound, methodNotFound(method, era: .modern))
        }
        exchange.version = version
        exchange.requestLogLevel = meta.logLevel
        noteSession(exchange, issued: false)
        logger.debug("2026-07-28 request", [("method", method), ("client", meta.clientName ?? "-")])
        let output = handleRequest(id: id, method: method, params: params, exchange: exchange)
        return render([output], exchange: exchange, asBatch: false)
    }

    /// Why the standard headers disagree with the body (2026-07-28 Streamable HTTP §Server
    /// Validation), nil when they agree. Header values are case-sensitive; `Mcp-Name` may use the
    /// `=?base64?…?=` sentinel and is decoded before comparing.
    func headerMismatch(method: String, params: JSONValue?, version: String, fields: MCPRequestHeaders) -> String? {
        guard let headerVersion = fields.protocolVersion else {
            return "the MCP-Protocol-Version header is missing; it must repeat _meta[\"\(MCPModernMeta.protocolVersion)\"] (\(version))"
        }
        guard headerVersion == version else {
            return "MCP-Protocol-Version header value '\(headerVersion)' does not match body value '\(version)'"
        }
        guard let headerMethod = fields.mcpMethod else {
            return "the Mcp-Method header is missing; it must repeat the JSON-RPC method (\(method))"
        }
        guard headerMethod == method else {
            return "Mcp-Method header value '\(headerMethod)' does not match body value '\(method)'"
        }
        let nameField: String
        switch method {
        case "tools/call", "prompts/get": nameField = "name"
        case "resources/read": nameField = "uri"
        default: return nil
        }
        let bodyName = params?[nameField]?.stringValue
        guard let rawName = fields.mcpName else {
            return "the Mcp-Name header is missing; \(method) must repeat params.\(nameField)\(bodyName.map { " (\($0))" } ?? "")"
        }
        guard let headerName = Self.decodeHeaderValue(rawName) else {
            return "Mcp-Name header value '\(rawName)' is not valid =?base64?…?= encoding"
        }
        guard headerName == bodyName else {
            return "Mcp-Name header value '\(headerName)' does not match body value '\(bodyName ?? "(none)")'"
        }
        return nil
    }

    /// A header value as sent, or the UTF-8 text inside the `=?base64?…?=` sentinel
    /// (2026-07-28 Streamable HTTP §Value Encoding); nil when the sentinel holds no valid base64.
    static func decodeHeaderValue(_ value: String) -> String? {
        guard value.hasPrefix("=?base64?"), value.hasSuffix("?="), value.utf8.count >= 11 else { return value }
        let encoded = value.dropFirst(9).dropLast(2)
        guard let bytes = Base64URL.decode(String(encoded)) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// `server/discover` (2026-07-28 "Discovery"): precomputed at start.
    func discover(_ call: MCPCall) -> MCPDispatchOutput { .result(call.id, discoverResult) }

    static func discoverResult(_ configuration: MCPServerConfiguration, versions: [MCPProtocolVersion]) -> JSONValue {
        var result = JSONObject()
        result["resultType"] = "complete"
        result["supportedVersions"] = .array(versions.map { .string($0.rawValue) })
        result["capabilities"] = ["logging": [:], "tools": ["listChanged": true]]
        if let instructions = configuration.instructions { result["instructions"] = .string(instructions) }
        result["ttlMs"] = .number(Double(configuration.listCacheTTLMilliseconds))
        result["cacheScope"] = .string(configuration.listCacheScope.rawValue)
        if let meta = serverInfoMeta(configuration) { result["_meta"] = .object(meta) }
        return .object(result)
    }

    /// `_meta["io.modelcontextprotocol/serverInfo"]` of modern results (SEP-2575: SHOULD).
    static func serverInfoMeta(_ configuration: MCPServerConfiguration) -> JSONObject? {
        var meta = JSONObject()
        meta[MCPModernMeta.serverInfo] = configuration.serverInfo.jsonValue
        return meta
    }

    var modernVersionList: String { modernVersions.sorted().map(\.rawValue).joined(separator: ", ") }
}
