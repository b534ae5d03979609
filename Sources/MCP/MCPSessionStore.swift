import CryptoPrimitives
import Essentials
import Synchronization

/// The live MCP sessions of one endpoint, behind a `Mutex`, expiring by the injected clock
/// (Streamable HTTP "Session Management": a terminated or expired session answers 404).
///
/// Ended sessions leave a short-lived tombstone so the 404 can say *why* (expired, deleted)
/// instead of only "unknown".
public final class MCPSessionStore: Sendable {
    /// Why a session id is not usable.
    public enum Miss: Sendable, Equatable {
        case unknown
        case expired
        case deleted
        /// The id exists but was created with another principal's token; answered like `unknown`.
        case foreign
    }

    public let idleTimeout: Double
    public let maximumSessions: Int
    private let clock: any ServerClock
    let storage = Mutex(Storage())
    private static let tombstoneLimit = 4096

    struct Storage: Sendable {
        var sessions: [String: MCPSession] = [:]
        var tombstones: [String: Miss] = [:]
        var tombstoneOrder: [String] = []

        mutating func bury(_ id: String, _ reason: Miss) {
            if tombstones.updateValue(reason, forKey: id) == nil { tombstoneOrder.append(id) }
            if tombstoneOrder.count > MCPSessionStore.tombstoneLimit {
                let evicted = tombstoneOrder.removeFirst()
                tombstones[evicted] = nil
            }
        }
    }

    public init(idleTimeout: Double, maximumSessions: Int, clock: any ServerClock) {
        self.idleTimeout = idleTimeout
        self.maximumSessions = max(1, maximumSessions)
        self.clock = clock
    }

    /// Now, by the store's clock.
    var now: Double { clock.now() }

    /// Live (not yet expired) sessions.
    public var count: Int {
        let now = clock.now()
        return storage.withLock { $0.sessions.values.filter { now - $0.lastActivity <= idleTimeout }.count }
    }

    func create(protocolVersion: MCPProtocolVersion, bindingKey: String?, clientInfo: JSONObject?, logLevel: MCPLogLevel) -> MCPSession {
        let now = clock.now()
        let session = MCPSession(id: SecureRandom.token(), protocolVersion: protocolVersion, bindingKey: bindingKey,
                                 clientInfo: clientInfo, now: now, logLevel: logLevel)
        let ended: [MCPSession] = storage.withLock { storage in
            var ended: [MCPSession] = []
            if storage.sessions.count >= maximumSessions {
                for (id, old) in storage.sessions where now - old.lastActivity > idleTimeout {
                    storage.sessions[id] = nil
                    storage.bury(id, .expired)
                    ended.append(old)
                }
            }
            if storage.sessions.count >= maximumSessions,
               let oldest = storage.sessions.values.min(by: { $0.lastActivity < $1.lastActivity }) {
                storage.sessions[oldest.id] = nil
                storage.bury(oldest.id, .expired)
                ended.append(oldest)
            }
            storage.sessions[session.id] = session
            return ended
        }
        for old in ended { old.terminate() }
        return session
    }

    /// The session for `id` when it is live and belongs to `bindingKey`; touching it resets its
    /// idle timer.
    func lookup(_ id: String, bindingKey: String?) -> Result<MCPSession, MissError> {
        let now = clock.now()
        let outcome: Result<MCPSession, MissError> = storage.withLock { storage in
            guard let session = storage.sessions[id] else {
                return .failure(MissError(miss: storage.tombstones[id] ?? .unknown, ended: nil))
            }
            if now - session.lastActivity > idleTimeout {
                storage.sessions[id] = nil
                storage.bury(id, .expired)
                return .failure(MissError(miss: .expired, ended: session))
            }
            guard session.bindingKey == bindingKey else { return .failure(MissError(miss: .foreign, ended: nil)) }
            session.touch(now)
            return .success(session)
        }
        if case .failure(let miss) = outcome { miss.ended?.terminate() }
        return outcome
    }

    /// Ends the session (DELETE). Returns it, or nil when there was none.
    @discardableResult
    public func terminate(_ id: String) -> MCPSession? {
        let session: MCPSession? = storage.withLock { storage in
            guard let session = storage.sessions.removeValue(forKey: id) else { return nil }
            storage.bury(id, .deleted)
            return session
        }
        session?.terminate()
        return session
    }

    /// Ends every session (state reset).
    public func terminateAll() {
        let all: [MCPSession] = storage.withLock { storage in
            let all = Array(storage.sessions.values)
            for session in all { storage.bury(session.id, .deleted) }
            storage.sessions.removeAll()
            return all
        }
        for session in all { session.terminate() }
    }

    /// Drops sessions idle past the timeout; returns how many.
    @discardableResult
    public func sweep() -> Int {
        let now = clock.now()
        let expired: [MCPSession] = storage.withLock { storage in
            let expired = storage.sessions.values.filter { now - $0.lastActivity > idleTimeout }
            for session in expired {
                storage.sessions[session.id] = nil
                storage.bury(session.id, .expired)
            }
            return expired
        }
        for session in expired { session.terminate() }
        return expired.count
    }

    /// The live session named `id`, without touching it or checking its owner (diagnostics).
    public func session(_ id: String) -> MCPSession? { storage.withLock { $0.sessions[id] } }

    struct MissError: Error {
        let miss: Miss
        let ended: MCPSession?
    }
}
