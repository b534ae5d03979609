import Essentials
import HTTPServer
import MCP
import OAuth

/// Records every request that reaches the application into the `Journal`, after `next`
/// returned, from what the layers put in the context's `RequestOutcome` (route, OAuth client and
/// decisions, MCP principal/method/tool/error, credits). Costs a few copies of values that are
/// already shared (headers, bodies) and one lock; redaction happens only when entries are read.
struct JournalMiddleware: HTTPMiddleware {
    let journal: Journal
    let clock: any ServerClock

    func handle(_ request: HTTPRequest, context: RequestContext, next: any HTTPResponder) throws -> HTTPResponse {
        let time = clock.now()
        let started = ContinuousClock.now
        let response: HTTPResponse
        do {
            response = try next.respond(to: request, context: context)
        } catch let error as any HTTPResponseError {
            journal.record(entry(request, context, error.response(), time: time, started: started))
            throw error
        } catch {
            journal.record(entry(request, context, .text("Internal Server Error\n", status: .internalServerError), time: time, started: started))
            throw error
        }
        journal.record(entry(request, context, response, time: time, started: started))
        return response
    }

    private func entry(_ request: HTTPRequest, _ context: RequestContext, _ response: HTTPResponse, time: Double,
                       started: ContinuousClock.Instant) -> JournalEntry {
        let elapsed = ContinuousClock.now - started
        let outcome = context.outcome
        let oauth = outcome[OAuthRequestOutcome.self]
        let mcp = outcome[MCPRequestOutcome.self]
        let gong = outcome[GongRequestOutcome.self]
        let limit = journal.configuration.bodyLimit
        // Control-route answers are journal excerpts or state dumps: their bodies are not kept.
        let keepsResponseBody = !request.path.hasPrefix(MockControlRoutes.prefix + "/")
        let responseMessage: JournalMessage
        switch response.body {
        case .bytes(let bytes):
            responseMessage = keepsResponseBody ? JournalMessage(headers: response.headers, fullBody: bytes, limit: limit)
                                                : JournalMessage(headers: response.headers, body: [], bodyLength: bytes.count)
        case .stream:
            responseMessage = JournalMessage(headers: response.headers, body: [], bodyLength: nil)
        }
        let refusal = Self.refusal(status: response.status.code, oauth: oauth, mcp: mcp, gong: gong, response: responseMessage)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var entry = JournalEntry(
            requestID: context.requestID, time: time,
            clientID: mcp?.principal?.clientID ?? oauth?.clientID,
            userID: mcp?.principal?.subject ?? oauth?.subjectID,
            method: request.method.rawValue, path: request.path, query: request.query, route: outcome.route,
            status: response.status.code, durationMs: seconds * 1000,
            requestBytes: request.body.count, responseBytes: responseMessage.bodyLength,
            remoteAddress: context.remoteAddress, userAgent: request.headers["User-Agent"],
            mcp: mcp, oauthDecisions: oauth?.decisions ?? [], credits: gong?.creditsCharged, creditsExhausted: gong?.creditsExhausted ?? false,
            refusal: refusal,
            request: JournalMessage(headers: request.headers, fullBody: request.body, limit: limit),
            response: responseMessage)
        entry.faults = outcome[FaultRequestOutcome.self]?.faultIDs ?? []
        return entry
    }

    /// The typed reason first (OAuth rule, MCP error, credits), else the status and the body's
    /// own explanation for the refusals no layer described (404, 405, the admin gate).
    static func refusal(status: Int, oauth: OAuthRequestOutcome?, mcp: MCPRequestOutcome?, gong: GongRequestOutcome?,
                        response: JournalMessage) -> JournalRefusal? {
        if let refused = oauth?.refusal { return JournalRefusal(rule: refused.rule, text: refused.explanation) }
        if gong?.tokenInQuery == true {
            return JournalRefusal(rule: "bearer.token_in_query", text: "The access token was sent in the query string; send it in the Authorization header (RFC 6750 §2.1).")
        }
        if gong?.creditsExhausted == true {
            return JournalRefusal(rule: "gong.credits.exhausted", text: mcp?.errorMessage ?? "The company's Gong credits cannot pay for this call.")
        }
        if let code = mcp?.errorCode {
            let rule = status >= 400 ? "mcp.http.\(status)" : "mcp.jsonrpc.\(code)"
            return JournalRefusal(rule: rule, text: mcp?.errorMessage ?? "")
        }
        guard status >= 400 else { return nil }
        return JournalRefusal(rule: "http.\(status)", text: explanation(in: response) ?? "HTTP \(status)")
    }

    /// The first line of a text body, or a JSON body's `message` / `error_description` / `error`.
    static func explanation(in message: JournalMessage) -> String? {
        guard !message.body.isEmpty else { return nil }
        if message.mediaType == "application/json", let json = try? JSONParser.parse(message.body) {
            return json["message"]?.stringValue ?? json["error_description"]?.stringValue ?? json["error"]?.stringValue
        }
        guard message.mediaType == "text/plain" else { return nil }
        return String(decoding: message.body.prefix(400), as: UTF8.self).split(separator: "\n").first.map(String.init)
    }
}
