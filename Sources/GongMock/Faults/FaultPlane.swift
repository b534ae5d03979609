import Essentials
import HTTPServer
import OAuth
import Synchronization

/// The one place faults live (DESIGN.md §1 "Faults"): the test controls and the seed add and
/// remove them; thin hooks (`FaultMiddleware`, the bearer gate, the token endpoint hook, the tool
/// wrap) ask it whether one fires. Thread-safe; an empty plane costs one lock per hook.
public final class FaultPlane: Sendable {
    /// Everything a snapshot or reset puts back.
    public struct State: Sendable, Equatable {
        var faults: [Fault] = []
        var nextNumber = 1
    }

    /// Called for each firing, with the fault as it is after the firing (the journal's hook).
    public typealias FireHandler = @Sendable (Fault) -> Void

    private let state = Mutex(State())
    private let handler = Mutex<FireHandler?>(nil)
    let clock: any ServerClock
    let logger: Logger
    /// The MCP integration a client belongs to, for faults aimed by `integrationId`.
    let integrationOfClient: @Sendable (String) -> String?
    /// The authorization server's access-token issuance order (`access-token-expire`).
    let tokenIssuance: AccessTokenIssuance

    public init(clock: any ServerClock, logger: Logger, tokenIssuance: AccessTokenIssuance,
                integrationOfClient: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.tokenIssuance = tokenIssuance
        self.clock = clock
        self.logger = logger
        self.integrationOfClient = integrationOfClient
    }

    public func setFireHandler(_ handler: FireHandler?) { self.handler.withLock { $0 = handler } }

    // MARK: Management

    @discardableResult
    public func add(_ spec: FaultSpec) -> Fault {
        let now = clock.now()
        let fault = state.withLock { state in
            var fault = Fault(id: "fault-\(state.nextNumber)", spec: spec)
            if spec.kind == .accessTokenExpire, spec.int("afterCalls") == nil { arm(&fault, now: now) }
            state.nextNumber += 1
            state.faults.append(fault)
            return fault
        }
        logger.notice("fault added", [("id", fault.id), ("kind", spec.kind.rawValue)])
        return fault
    }

    /// Adds a fault from its JSON declaration (as `POST /_mock/faults` takes it); the error
    /// names the bad parameter. Untyped `throws` on purpose: a typed `SeedError` thrown across
    /// the module boundary crashed Swift 6.0 callers (GongMockTesting).
    public func add(declaration: JSONValue) throws -> Fault {
        let spec: FaultSpec
        do throws(SeedError) {
            spec = try FaultSpec.parse(declaration)
        } catch {
            throw error as any Error
        }
        return add(spec)
    }

    public var faults: [Fault] { state.withLock { $0.faults } }

    public func fault(id: String) -> Fault? { state.withLock { $0.faults.first { $0.id == id } } }

    /// False when no fault has that id.
    @discardableResult
    public func remove(id: String) -> Bool {
        state.withLock { state in
            guard let index = state.faults.firstIndex(where: { $0.id == id }) else { return false }
            state.faults.remove(at: index)
            return true
        }
    }

    public func removeAll() { state.withLock { $0.faults.removeAll() } }

    public func snapshot() -> State { state.withLock { $0 } }

    public func restore(_ saved: State) { state.withLock { $0 = saved } }

    /// `GET /_mock/faults`.
    public var json: JSONValue { .array(faults.map(\.json)) }

    // MARK: Firing

    func hasAny(_ kinds: FaultKind...) -> Bool {
        state.withLock { state in state.faults.contains { kinds.contains($0.spec.kind) && !$0.isSpent } }
    }

    /// The first live fault of `kind` aimed at this client and path for which `decide` says it
    /// fires (it may update the fault's own state either way); counts the firing and tells the
    /// fire handler. nil when none fires.
    @discardableResult
    func fire(_ kind: FaultKind, clientID: String? = nil, path: String? = nil,
              decide: (inout Fault, Double) -> Bool = { _, _ in true }) -> Fault? {
        guard hasAny(kind) else { return nil }
        let integration = clientID.flatMap(integrationOfClient)
        let now = clock.now()
        let fired: Fault? = state.withLock { state in
            for index in state.faults.indices {
                let spec = state.faults[index].spec
                guard spec.kind == kind, !state.faults[index].isSpent else { continue }
                if let wanted = spec.clientId, wanted != clientID { continue }
                if let wanted = spec.integrationId, wanted != integration { continue }
                if let path, !spec.matches(path: path) { continue }
                guard decide(&state.faults[index], now) else { continue }
                state.faults[index].fired += 1
                return state.faults[index]
            }
            return nil
        }
        if let fired {
            RequestOutcome.current?.update(FaultRequestOutcome.self, initial: FaultRequestOutcome()) { outcome in
                outcome.faultIDs.append(fired.id)
                outcome.kinds.append(kind.rawValue)
            }
            logger.info("fault fired", [("id", fired.id), ("kind", kind.rawValue), ("client", clientID ?? "-"), ("fired", String(fired.fired))])
            handler.withLock { $0 }?(fired)
        }
        return fired
    }

    /// `access-token-expire` arms: from now on, tokens issued before this instant are expired.
    func arm(_ fault: inout Fault, now: Double) {
        fault.armedAt = now
        fault.issuedBefore = tokenIssuance.mark
    }
}
