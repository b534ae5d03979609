import Essentials
import HTTPServer

extension MCPEndpoint {
    /// Turns handled requests into the HTTP answer: JSON (one object, or an array for a batch)
    /// or an SSE stream (priming event, each request's notifications, its response, end).
    func render(_ outputs: [MCPDispatchOutput], exchange: MCPExchange, asBatch: Bool) -> HTTPResponse {
        var headers = HTTPHeaders()
        if let session = exchange.session { headers.add("Mcp-Session-Id", session.id) }
        for output in outputs {
            if case .http(var response) = output {
                if let session = exchange.session, !response.headers.contains("Mcp-Session-Id") {
                    response.headers.add("Mcp-Session-Id", session.id)
                }
                return response
            }
        }

        if configuration.responseMode == .json {
            var responses: [[UInt8]] = []
            for case .response(let bytes, _) in outputs { responses.append(bytes) }
            guard !responses.isEmpty else { return HTTPResponse(status: .accepted, headers: headers) }
            guard asBatch else { return .json(responses[0], headers: headers) }
            var body: [UInt8] = [UInt8(ascii: "[")]
            for (index, bytes) in responses.enumerated() {
                if index > 0 { body.append(UInt8(ascii: ",")) }
                body.append(contentsOf: bytes)
            }
            body.append(UInt8(ascii: "]"))
            return .json(body, headers: headers)
        }

        // 2026-07-28 removed resumability: its events carry no ids and there is no priming event.
        let modern = exchange.era == .modern
        let stream = modern ? 0 : exchange.session?.nextStreamNumber() ?? (statelessStreams.add(1, ordering: .relaxed).newValue)
        var sequence = 0
        func nextID() -> String? {
            guard !modern else { return nil }
            sequence += 1
            return "\(stream)-\(sequence)"
        }
        var events: [[UInt8]] = []
        if exchange.version.supportsPrimingEvents, let id = nextID() {
            events.append(SSEEvent.priming(id: id, retryMilliseconds: configuration.sseRetryMilliseconds))
        }
        for output in outputs {
            switch output {
            case .response(let bytes, let notifications):
                for notification in notifications { events.append(SSEEvent.message(id: nextID(), data: notification)) }
                events.append(SSEEvent.message(id: nextID(), data: bytes))
            case .suppressed(let notifications):
                for notification in notifications { events.append(SSEEvent.message(id: nextID(), data: notification)) }
            case .http:
                break
            }
        }
        headers.add("Content-Type", "text/event-stream")
        headers.add("Cache-Control", "no-cache, no-transform")
        if modern { headers.add("X-Accel-Buffering", "no") }
        let finalEvents = events
        return HTTPResponse(status: .ok, headers: headers, body: .stream(HTTPStreamProducer { writer in
            for event in finalEvents where !writer.write(event) { return }
            writer.finish()
        }))
    }

    /// GET: the server-to-client SSE stream of a session (Streamable HTTP "Listening for Messages
    /// from the Server"); one per session (a second gets 409, as the Python SDK answers).
    func handleGet(_ exchange: MCPExchange) -> HTTPResponse {
        var exchange = exchange
        guard configuration.statefulSessions, configuration.getStreamEnabled, configuration.serves(.legacy) else {
            let why = !configuration.serves(.legacy) ? "MCP 2026-07-28 has no GET stream (use subscriptions/listen)"
                : configuration.statefulSessions ? "this server offers no GET stream" : "this server is stateless and has no GET stream"
            return transportError(.methodNotAllowed, "Method Not Allowed: \(why); POST requests instead", headers: ["Allow": allowedMethods])
        }
        guard exchange.fields.acceptedTypes.eventStream else {
            return transportError(.notAcceptable, "Not Acceptable: GET opens an SSE stream; the Accept header must list text/event-stream")
        }
        if let refusal = resolveSession(&exchange) { return refusal }
        guard let session = exchange.session else { return transportError(.internalServerError, code: JSONRPCErrorObject.internalErrorCode, "Internal error: no session") }
        guard session.reserveStandaloneStream() else {
            return transportError(.conflict, "Conflict: this session already has an open GET stream; only one is allowed")
        }
        let priming = session.protocolVersion.supportsPrimingEvents
        let retry = configuration.sseRetryMilliseconds
        let headers: HTTPHeaders = ["Content-Type": "text/event-stream", "Cache-Control": "no-cache, no-transform", "Mcp-Session-Id": session.id]
        return HTTPResponse(status: .ok, headers: headers, body: .stream(HTTPStreamProducer { [self] writer in
            guard session.activateStandaloneStream(writer) else {
                writer.finish()
                return
            }
            writer.onClose { session.detachStandaloneStream() }
            if priming { writer.write(SSEEvent.priming(id: session.nextStandaloneEventID(), retryMilliseconds: retry)) }
            scheduleKeepAlive(writer, session: session)
        }))
    }

    /// Keep-alive comments until the stream or the session ends. An open GET stream counts as
    /// session activity: a client listening is not idle.
    private func scheduleKeepAlive(_ writer: any HTTPStreamWriter, session: MCPSession) {
        writer.schedule(after: configuration.keepAliveInterval) { [self] in
            guard writer.isOpen else { return }
            guard !session.isTerminated else {
                writer.finish()
                return
            }
            session.touch(sessions.now)
            guard writer.write(SSEEvent.keepAlive) else { return }
            scheduleKeepAlive(writer, session: session)
        }
    }

    /// DELETE: ends the session (Streamable HTTP "Session Management"); later use gets 404.
    func handleDelete(_ exchange: MCPExchange) -> HTTPResponse {
        var exchange = exchange
        guard configuration.statefulSessions, configuration.deleteEnabled, configuration.serves(.legacy) else {
            let why = configuration.serves(.legacy) ? "sessions cannot be terminated by the client here" : "MCP 2026-07-28 has no sessions to terminate"
            return transportError(.methodNotAllowed, "Method Not Allowed: \(why)", headers: ["Allow": allowedMethods])
        }
        if let refusal = resolveSession(&exchange) { return refusal }
        guard let session = exchange.session else { return transportError(.internalServerError, code: JSONRPCErrorObject.internalErrorCode, "Internal error: no session") }
        sessions.terminate(session.id)
        logger.info("session terminated by client", [("session", Redact.secret(session.id))])
        return HTTPResponse(status: .ok)
    }

    /// Sends a server notification on a session's GET stream (e.g. `notifications/message`).
    /// Returns false when the session has no open GET stream.
    @discardableResult
    public func notify(sessionID: String, method: String, params: JSONValue?) -> Bool {
        guard let session = sessions.session(sessionID) else { return false }
        let bytes = JSONRPCEncoding.notification(method: method, params: params)
        return session.sendOnStandaloneStream { SSEEvent.message(id: $0, data: bytes) }
    }
}
