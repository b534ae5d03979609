import Essentials
import HTTPServer
import Synchronization

/// One MCP session (Streamable HTTP "Session Management"): created by initialize, named by an
/// unguessable `Mcp-Session-Id`, bound to the principal that created it, ended by DELETE or by
/// idling past the timeout.
public final class MCPSession: Sendable {
    public let id: String
    /// The negotiated protocol revision (MCP "Lifecycle" §Version Negotiation).
    public let protocolVersion: MCPProtocolVersion
    /// `subject` + `clientID` of the creating principal; nil when the endpoint is open.
    let bindingKey: String?
    public let createdAt: Double
    /// `clientInfo` from initialize, for logs.
    public let clientInfo: JSONObject?

    private let state: Mutex<State>

    struct State {
        var lastActivity: Double
        var initialized = false
        var logLevel: MCPLogLevel
        var standaloneStream: (any HTTPStreamWriter)?
        var standaloneReserved = false
        var standaloneStreamEvents = 0
        var streamCounter = 0
        var inFlight: [JSONRPCID: MCPCancellationFlag] = [:]
        var terminated = false
    }

    init(id: String, protocolVersion: MCPProtocolVersion, bindingKey: String?, clientInfo: JSONObject?, now: Double, logLevel: MCPLogLevel) {
        self.id = id
        self.protocolVersion = protocolVersion
        self.bindingKey = bindingKey
        self.createdAt = now
        self.clientInfo = clientInfo
        self.state = Mutex(State(lastActivity: now, logLevel: logLevel))
    }

    public var lastActivity: Double { state.withLock { $0.lastActivity } }
    /// True once the client sent `notifications/initialized`.
    public var isInitialized: Bool { state.withLock { $0.initialized } }
    /// The minimum level of `notifications/message`, as last set by `logging/setLevel`.
    public var logLevel: MCPLogLevel { state.withLock { $0.logLevel } }
    public var hasStandaloneStream: Bool { state.withLock { $0.standaloneReserved } }

    func touch(_ now: Double) { state.withLock { $0.lastActivity = max($0.lastActivity, now) } }
    func markInitialized() { state.withLock { $0.initialized = true } }
    func setLogLevel(_ level: MCPLogLevel) { state.withLock { $0.logLevel = level } }

    /// A number unique within the session, naming one SSE stream in event ids (Streamable HTTP
    /// "Resumability": ids unique per session, identifying their stream). Stream 0 is GET's.
    func nextStreamNumber() -> Int {
        state.withLock { state in
            state.streamCounter += 1
            return state.streamCounter
        }
    }

    /// Registers a running request so `notifications/cancelled` can reach it.
    func beginRequest(_ id: JSONRPCID, flag: MCPCancellationFlag) { state.withLock { $0.inFlight[id] = flag } }
    func endRequest(_ id: JSONRPCID) { state.withLock { _ = $0.inFlight.removeValue(forKey: id) } }

    /// Marks the request cancelled; false when no such request is running (then ignored).
    func cancelRequest(_ id: JSONRPCID) -> Bool {
        guard let flag = state.withLock({ $0.inFlight[id] }) else { return false }
        flag.cancel()
        return true
    }

    /// Claims the session's one GET stream before the response head is sent; false when one is
    /// already open or claimed (→ 409) or the session ended.
    func reserveStandaloneStream() -> Bool {
        state.withLock { state in
            guard !state.terminated, !state.standaloneReserved else { return false }
            state.standaloneReserved = true
            return true
        }
    }

    /// Attaches the writer of the reserved GET stream; false when the session ended meanwhile.
    func activateStandaloneStream(_ writer: any HTTPStreamWriter) -> Bool {
        state.withLock { state in
            guard !state.terminated else {
                state.standaloneReserved = false
                return false
            }
            state.standaloneStream = writer
            return true
        }
    }

    func detachStandaloneStream() {
        state.withLock { state in
            state.standaloneStream = nil
            state.standaloneReserved = false
        }
    }

    func nextStandaloneEventID() -> String {
        state.withLock { state in
            state.standaloneStreamEvents += 1
            return "0-\(state.standaloneStreamEvents)"
        }
    }

    /// Writes one event to the GET stream; false when none is open.
    func sendOnStandaloneStream(_ makeEvent: (_ eventID: String) -> [UInt8]) -> Bool {
        let target: (writer: any HTTPStreamWriter, eventID: String)? = state.withLock { state in
            guard let writer = state.standaloneStream else { return nil }
            state.standaloneStreamEvents += 1
            return (writer, "0-\(state.standaloneStreamEvents)")
        }
        guard let target else { return false }
        return target.writer.write(makeEvent(target.eventID))
    }

    /// Ends the session: the GET stream is finished and running requests are cancelled.
    func terminate() {
        let (writer, flags): ((any HTTPStreamWriter)?, [MCPCancellationFlag]) = state.withLock { state in
            state.terminated = true
            let writer = state.standaloneStream
            state.standaloneStream = nil
            state.standaloneReserved = false
            return (writer, Array(state.inFlight.values))
        }
        for flag in flags { flag.cancel() }
        writer?.finish()
    }

    public var isTerminated: Bool { state.withLock { $0.terminated } }
}
