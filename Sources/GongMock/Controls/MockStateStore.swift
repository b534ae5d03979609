import Essentials
import MCP
import OAuth
import Synchronization

/// The one aggregate over every store's private state (DESIGN.md §1 "State"): integrations and
/// registered clients, OAuth codes/grants/refresh tokens, MCP sessions, the credit ledger, admin
/// sessions, faults, the clock offset and the company edition (its anchor). Reset, snapshot/restore and `/_mock/state` go through it.
///
/// Operations are serialised by one lock, so two controls never interleave; each store is
/// swapped under its own lock, so a request in flight sees each store either before or after.
public final class MockStateStore: Sendable {
    /// Everything a snapshot holds; opaque.
    public struct Snapshot: Sendable {
        let integrations: IntegrationStore.Snapshot
        let oauth: OAuthServer.Snapshot
        let sessions: MCPSessionStore.Snapshot
        let ledger: CreditLedger.Snapshot
        let admin: AdminAuth.Snapshot
        let faults: FaultPlane.State
        let clockOffset: Double
        let autoApprove: String?
        /// The company edition in use, so a restore answers exactly as at snapshot time.
        let company: CompanyData
    }

    struct Saved: Sendable {
        var snapshots: [String: Snapshot] = [:]
        var order: [String] = []
        var nextNumber = 1
    }

    /// Snapshots kept; the oldest goes when a new one would exceed it.
    public static let snapshotLimit = 64

    let integrations: IntegrationStore
    let oauth: OAuthServer
    let sessions: MCPSessionStore
    let ledger: CreditLedger
    let admin: AdminAuth
    let faults: FaultPlane
    let journal: Journal
    let clock: AdjustableClock
    let company: CompanyStore
    let logger: Logger
    /// Why snapshots cannot work (state persisted in a database), or nil.
    public let unsupportedReason: String?
    private let saved = Mutex(Saved())
    private let operation = Mutex(())
    /// The state the server started with (after the seed), what reset returns to.
    private let initial: Mutex<Snapshot?> = Mutex(nil)

    init(integrations: IntegrationStore, oauth: OAuthServer, sessions: MCPSessionStore, ledger: CreditLedger, admin: AdminAuth,
         faults: FaultPlane, journal: Journal, clock: AdjustableClock, company: CompanyStore, persistent: Bool, logger: Logger) {
        self.journal = journal
        self.integrations = integrations
        self.oauth = oauth
        self.sessions = sessions
        self.ledger = ledger
        self.admin = admin
        self.faults = faults
        self.clock = clock
        self.company = company
        self.logger = logger
        unsupportedReason = persistent || !oauth.snapshotsCoverStore
            ? "reset, snapshot, restore and PUT /_mock/state work on in-memory state only; this server persists its state (--state-dir)"
            : nil
    }

    /// Remembers the current state as the one `reset` returns to (called once the seed is applied).
    func markInitial() { initial.withLock { $0 = capture() } }

    func capture() -> Snapshot {
        Snapshot(integrations: integrations.snapshot(), oauth: oauth.snapshot(), sessions: sessions.snapshot(), ledger: ledger.snapshot(),
                 admin: admin.snapshot(), faults: faults.snapshot(), clockOffset: clock.offsetSeconds,
                 autoApprove: oauth.configuration.autoApproveSubject, company: company.current)
    }

    func apply(_ snapshot: Snapshot) {
        integrations.restore(snapshot.integrations)
        oauth.restore(snapshot.oauth)
        sessions.restore(snapshot.sessions)
        ledger.restore(snapshot.ledger)
        admin.restore(snapshot.admin)
        faults.restore(snapshot.faults)
        clock.setOffset(snapshot.clockOffset)
        oauth.updateConfiguration { $0.autoApproveSubject = snapshot.autoApprove }
        company.replace(with: snapshot.company)
    }

    // MARK: Operations

    /// Back to the state after start-up and seed: integrations, grants and tokens, MCP sessions,
    /// ledger, faults, clock, and an empty journal; the company re-anchored to the clock's now
    /// after the reset (or the seed's `company.anchoredAt`). Admin sessions stay, so the admin page keeps working.
    func resetToSeed() throws(AdminAPIError) {
        try checkSupported()
        operation.withLock { _ in
            guard var snapshot = initial.withLock({ $0 }) else { return }
            snapshot = Snapshot(integrations: snapshot.integrations, oauth: snapshot.oauth, sessions: snapshot.sessions, ledger: snapshot.ledger,
                                admin: admin.snapshot(), faults: snapshot.faults, clockOffset: snapshot.clockOffset, autoApprove: snapshot.autoApprove,
                                company: company.resetEdition(clockNow: clock.now() - clock.offsetSeconds + snapshot.clockOffset))
            apply(snapshot)
            journal.reset()
        }
        logger.notice("state reset to the seed")
    }

    /// Keeps the current state in memory under a new id.
    func takeSnapshot() throws(AdminAPIError) -> String {
        try checkSupported()
        return operation.withLock { _ in
            let snapshot = capture()
            return saved.withLock { saved in
                let id = "snap-\(saved.nextNumber)"
                saved.nextNumber += 1
                saved.snapshots[id] = snapshot
                saved.order.append(id)
                if saved.order.count > Self.snapshotLimit { saved.snapshots[saved.order.removeFirst()] = nil }
                return id
            }
        }
    }

    func restoreSnapshot(id: String) throws(AdminAPIError) {
        try checkSupported()
        guard let snapshot = saved.withLock({ $0.snapshots[id] }) else {
            let known = saved.withLock { $0.order }
            throw AdminAPIError(.notFound, "unknown_snapshot", "No snapshot '\(id)'; kept: \(known.isEmpty ? "none" : known.joined(separator: ", ")) (the last \(Self.snapshotLimit)).")
        }
        operation.withLock { _ in apply(snapshot) }
        logger.notice("state restored", [("snapshot", id)])
    }

    // Untyped on purpose for other modules: a typed error thrown across the module boundary
    // crashed Swift 6.0 callers (GongMockTesting); the routes use the typed forms above.
    public func reset() throws { try resetToSeed() }
    public func snapshot() throws -> String { try takeSnapshot() }
    public func restore(id: String) throws { try restoreSnapshot(id: id) }

    func checkSupported() throws(AdminAPIError) {
        if let unsupportedReason { throw AdminAPIError(.conflict, "state_persistent", unsupportedReason) }
    }

    /// Runs `change` under the operation lock; on a thrown error, everything is put back.
    func transaction(_ change: () throws(AdminAPIError) -> Void) throws(AdminAPIError) {
        try checkSupported()
        try operation.withLock { _ throws(AdminAPIError) in
            let before = capture()
            do throws(AdminAPIError) { try change() } catch {
                apply(before)
                throw error
            }
        }
    }
}
