import Essentials
import HTTPServer
import Synchronization

/// One `tools/call` as the handler sees it, with the channels back to the client: progress
/// (MCP "Utilities/Progress"), log messages ("Utilities/Logging") and cancellation
/// ("Utilities/Cancellation").
///
/// Notifications reach the client only when the request is answered as an SSE stream; in JSON
/// response mode there is nowhere to send them and they are dropped. They are written to the
/// stream in the order reported, before the response.
public final class MCPToolInvocation: Sendable {
    public let toolName: String
    /// `params.arguments`; empty when the client sent none.
    public let arguments: JSONObject
    /// Who called; nil when no authenticator is configured.
    public let principal: MCPPrincipal?
    /// The MCP session, nil in stateless mode.
    public let sessionID: String?
    /// The negotiated (stateful) or announced (stateless) protocol revision.
    public let protocolVersion: MCPProtocolVersion
    public let requestID: JSONRPCID
    /// `params._meta.progressToken`, when the client asked for progress.
    public let progressToken: JSONValue?
    /// `params._meta`, as sent.
    public let meta: JSONObject?
    /// The HTTP request that carried the call, for journaling and fault rules.
    public let request: HTTPRequest
    public let context: RequestContext

    let cancellation: MCPCancellationFlag
    private let streaming: Bool
    /// nil: no log notifications (a 2026-07-28 request without `io.modelcontextprotocol/logLevel`).
    private let minimumLogLevel: MCPLogLevel?
    private let state = Mutex(State())

    private struct State {
        var notifications: [[UInt8]] = []
        var lastProgress: Double?
        var finished = false
    }

    init(toolName: String, arguments: JSONObject, principal: MCPPrincipal?, sessionID: String?, protocolVersion: MCPProtocolVersion,
         requestID: JSONRPCID, meta: JSONObject?, request: HTTPRequest, context: RequestContext,
         cancellation: MCPCancellationFlag, streaming: Bool, minimumLogLevel: MCPLogLevel?) {
        self.toolName = toolName
        self.arguments = arguments
        self.principal = principal
        self.sessionID = sessionID
        self.protocolVersion = protocolVersion
        self.requestID = requestID
        self.meta = meta
        self.progressToken = meta?["progressToken"]
        self.request = request
        self.context = context
        self.cancellation = cancellation
        self.streaming = streaming
        self.minimumLogLevel = minimumLogLevel
    }

    /// True once the client sent `notifications/cancelled` for this request; the handler should
    /// stop, and whatever it returns is not sent.
    public var isCancelled: Bool { cancellation.isCancelled }

    /// True when notifications reach the client (SSE response mode).
    public var canNotify: Bool { streaming }

    /// Emits `notifications/progress` when the client sent a progress token. `progress` must grow
    /// with each call (spec: MUST increase); a report that does not, or one after the handler
    /// returned, is dropped.
    public func reportProgress(progress: Double, total: Double? = nil, message: String? = nil) {
        guard streaming, let progressToken, progress.isFinite else { return }
        var params = JSONObject()
        params["progressToken"] = progressToken
        params["progress"] = .number(progress)
        if let total { params["total"] = .number(total) }
        if let message { params["message"] = .string(message) }
        let bytes = JSONRPCEncoding.notification(method: "notifications/progress", params: .object(params))
        state.withLock { state in
            guard !state.finished else { return }
            if let last = state.lastProgress, progress <= last { return }
            state.lastProgress = progress
            state.notifications.append(bytes)
        }
    }

    /// Emits `notifications/message` when `level` is at or above the session's `logging/setLevel`.
    /// `data` is built only when the notification is sent (an SSE response at this level), not on
    /// every call of a JSON-mode server.
    public func log(level: MCPLogLevel, logger: String? = nil, data: @autoclosure () -> JSONValue) {
        guard streaming, let minimumLogLevel, level >= minimumLogLevel else { return }
        var params = JSONObject()
        params["level"] = .string(level.name)
        if let logger { params["logger"] = .string(logger) }
        params["data"] = data()
        let bytes = JSONRPCEncoding.notification(method: "notifications/message", params: .object(params))
        state.withLock { state in
            guard !state.finished else { return }
            state.notifications.append(bytes)
        }
    }

    /// Ends the invocation: later reports are dropped. Returns the notifications in order.
    func finish() -> [[UInt8]] {
        state.withLock { state in
            state.finished = true
            return state.notifications
        }
    }
}

/// Set by `notifications/cancelled`; read by the handler and by the dispatcher.
final class MCPCancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    init() {}
    var isCancelled: Bool { flag.load(ordering: .acquiring) }
    func cancel() { flag.store(true, ordering: .releasing) }
}
