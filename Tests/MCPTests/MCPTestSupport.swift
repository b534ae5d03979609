import Essentials
import HTTPServer
import Synchronization
@testable import MCP

/// A stream writer that records what the endpoint writes; scheduled work runs only when a test
/// calls `runScheduled()`, so keep-alive timing is deterministic.
final class RecordingStreamWriter: HTTPStreamWriter {
    private struct State {
        var writes: [[UInt8]] = []
        var open = true
        var closeHandlers: [@Sendable () -> Void] = []
        var scheduled: [(Duration, @Sendable () -> Void)] = []
    }
    private let state = Mutex(State())

    @discardableResult func write(_ bytes: [UInt8]) -> Bool {
        state.withLock { state in
            guard state.open else { return false }
            state.writes.append(bytes)
            return true
        }
    }

    func finish() { close() }

    /// Simulates the peer going away.
    func close() {
        let handlers: [@Sendable () -> Void] = state.withLock { state in
            guard state.open else { return [] }
            state.open = false
            defer { state.closeHandlers = [] }
            return state.closeHandlers
        }
        for handler in handlers { handler() }
    }

    var isOpen: Bool { state.withLock { $0.open } }
    var finished: Bool { !isOpen }
    var writes: [[UInt8]] { state.withLock { $0.writes } }
    var text: String { String(decoding: writes.flatMap { $0 }, as: UTF8.self) }
    var scheduledDelays: [Duration] { state.withLock { $0.scheduled.map(\.0) } }

    func onClose(_ handler: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state -> Bool in
            if state.open { state.closeHandlers.append(handler); return false }
            return true
        }
        if runNow { handler() }
    }

    func schedule(after delay: Duration, _ work: @escaping @Sendable () -> Void) {
        state.withLock { state in
            guard state.open else { return }
            state.scheduled.append((delay, work))
        }
    }

    /// Runs the work scheduled so far (not work it schedules in turn).
    func runScheduled() {
        let work = state.withLock { state in
            defer { state.scheduled = [] }
            return state.scheduled
        }
        for (_, item) in work { item() }
    }
}

/// One parsed SSE event.
struct ParsedEvent: Equatable {
    var id: String?
    var event: String?
    var data: String
    var retry: String?
    var json: JSONValue? { data.isEmpty ? nil : try? JSONParser.parse(data) }
}

func parseEvents(_ text: String) -> [ParsedEvent] {
    var events: [ParsedEvent] = []
    for block in text.splitting(on: "\n\n") where !block.isEmpty {
        var event = ParsedEvent(data: "")
        var dataLines: [String] = []
        var sawField = false
        for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(":") { continue }
            sawField = true
            let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            var value = parts.count > 1 ? String(parts[1]) : ""
            if value.hasPrefix(" ") { value.removeFirst() }
            switch name {
            case "id": event.id = value
            case "event": event.event = value
            case "data": dataLines.append(value)
            case "retry": event.retry = value
            default: break
            }
        }
        event.data = dataLines.joined(separator: "\n")
        if sawField { events.append(event) }
    }
    return events
}

extension String {
    func splitting(on separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}

extension HTTPResponse {
    var bodyBytes: [UInt8] {
        if case .bytes(let bytes) = body { return bytes }
        return []
    }
    var bodyText: String { String(decoding: bodyBytes, as: UTF8.self) }
    var json: JSONValue? { try? JSONParser.parse(bodyBytes) }
    var isStream: Bool {
        if case .stream = body { return true }
        return false
    }

    /// Runs a streamed body against a recording writer.
    func drain() -> RecordingStreamWriter {
        let writer = RecordingStreamWriter()
        if case .stream(let producer) = body { producer.start(writer) }
        return writer
    }
}

/// A small MCP client speaking to an endpoint directly.
struct TestClient {
    let endpoint: MCPEndpoint
    var sessionID: String?
    var version: String? = nil
    var extraHeaders: HTTPHeaders = HTTPHeaders()
    var nextID = 1

    init(_ endpoint: MCPEndpoint) { self.endpoint = endpoint }

    func headers(includeSession: Bool = true) -> HTTPHeaders {
        var headers: HTTPHeaders = ["Host": "127.0.0.1:7777", "Accept": "application/json, text/event-stream", "Content-Type": "application/json"]
        if includeSession, let sessionID { headers.add("Mcp-Session-Id", sessionID) }
        if let version { headers.add("MCP-Protocol-Version", version) }
        for field in extraHeaders { headers.add(field.name, field.value) }
        return headers
    }

    func post(_ body: String, headers: HTTPHeaders? = nil) -> HTTPResponse {
        let request = HTTPRequest(method: .post, target: "/mcp", headers: headers ?? self.headers(), body: Array(body.utf8))
        return endpoint.respond(to: request, context: RequestContext(remoteAddress: "127.0.0.1:1"))
    }

    func send(_ method: HTTPMethod, headers: HTTPHeaders? = nil) -> HTTPResponse {
        var headers = headers ?? self.headers()
        if method == .get { headers.replaceOrAdd("Accept", "text/event-stream") }
        return endpoint.respond(to: HTTPRequest(method: method, target: "/mcp", headers: headers), context: RequestContext())
    }

    /// Sends a request and returns the JSON-RPC response object (JSON mode).
    mutating func call(_ method: String, _ params: JSONValue? = nil) -> JSONValue? {
        var object = JSONObject()
        object["jsonrpc"] = "2.0"
        object["id"] = .number(Double(nextID))
        nextID += 1
        object["method"] = .string(method)
        if let params { object["params"] = params }
        return post(JSONSerializer.string(.object(object))).json
    }

    @discardableResult
    mutating func initialize(version requested: String = "2025-11-25") -> HTTPResponse {
        let body = #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"\#(requested)","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}"#
        let response = post(body)
        sessionID = response.headers["Mcp-Session-Id"]
        version = response.json?["result"]?["protocolVersion"]?.stringValue ?? (response.isStream ? requested : nil)
        _ = post(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        return response
    }
}

func echoTool(_ name: String = "echo", scopes: [String] = []) -> MCPTool {
    MCPTool(name: name, title: "Echo", description: "Echoes its text argument.",
            inputSchema: ["type": "object", "properties": ["text": ["type": "string"]]],
            annotations: MCPToolAnnotations(readOnlyHint: true), requiredScopes: scopes) { invocation in
        guard case .string(let text)? = invocation.arguments["text"] else { return .result(.error("text is required")) }
        return .result(.text(text))
    }
}

func makeEndpoint(
    _ configure: (inout MCPServerConfiguration) -> Void = { _ in },
    tools: [MCPTool] = [echoTool()],
    authenticator: (any MCPAuthenticator)? = nil,
    clock: any ServerClock = ManualClock()
) throws -> MCPEndpoint {
    var configuration = MCPServerConfiguration(serverInfo: MCPImplementationInfo(name: "test-server", version: "1.0.0", title: "Test Server"),
                                               instructions: "Use the tools.", hostCheck: .loopback(publicHosts: ["mcp.example.com"]))
    configure(&configuration)
    return try MCPEndpoint(configuration: configuration, tools: tools, authenticator: authenticator, clock: clock)
}

/// Bearer `token-<subject>|<scope>|<scope>…` → principal; anything else → 401.
struct FakeAuthenticator: MCPAuthenticator {
    func authenticate(_ request: HTTPRequest) -> MCPAuthentication {
        guard let header = request.headers["Authorization"], header.hasPrefix("Bearer token-") else {
            return .rejected(HTTPResponse(status: .unauthorized, headers: ["WWW-Authenticate": #"Bearer realm="mcp""#]))
        }
        let parts = header.dropFirst("Bearer token-".count).split(separator: "|").map(String.init)
        return .authenticated(MCPPrincipal(subject: parts.first ?? "", clientID: "client", scopes: Set(parts.dropFirst())))
    }
}

extension JSONValue {
    subscript(index: Int) -> JSONValue? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }
}
