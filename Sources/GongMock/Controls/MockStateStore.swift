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
/// With `--state-dir` each control is also one SQLite transaction over the whole state
/// (`+Persistence`): crash-safe, and what a restart serves. Snapshots stay in memory.
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
        var autoApprove: String?
        /// The company edition in use, so a restore answers exactly as at snapshot time.
        var company: CompanyData
        /// Overrides the ledger snapshot's exhaustion mode (reset with `--state-dir`: the seed's).
        var exhaustionMode: CreditExhaustionMode? = nil
        /// With `--state-dir`: the database's tables at that instant (see `StateDatabase.Image`).
        var persisted: StateDatabase.Image? = nil
        /// Reset leaves admin sessions as they are, so the admin page keeps working.
        var keepsAdminSessions = false
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
    /// The `--state-dir` database: each control is then also one transaction there.
    let database: StateDatabase?
    /// Why snapshots cannot work, or nil.
    public let unsupportedReason: String?
    private let saved = Mutex(Saved())
    private let operation = Mutex(())
    /// The state the server started with (after the seed), what reset returns to.
    private let initial: Mutex<Snapshot?> = Mutex(nil)

    init(integrations: IntegrationStore, oauth: OAuthServer, sessions: MCPSessionStore, ledger: CreditLedger, admin: AdminAuth,
         faults: FaultPlane, journal: Journal, clock: AdjustableClock, company: CompanyStore, database: StateDatabase?, logger: Logger) {
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
        self.database = database
        unsupportedReason = database == nil && !oauth.snapshotsCoverStore
            ? "reset, snapshot, restore and PUT /_mock/state need the in-memory OAuth store or --state-dir"
            : nil
    }

    /// Remembers the current state as the one `reset` returns to (called once the seed is applied).
    /// With `--state-dir`, `seedImage` is the seed applied to an empty state directory: reset goes
    /// back to what the server was started with, not to what the database held before it started.
    func markInitial(seedImage: StateDatabase.Image? = nil, seedSettings: StateDatabase.Settings? = nil) {
        var snapshot = capture()
        snapshot.persisted = seedImage
        if let seedSettings {
            snapshot.autoApprove = seedSettings.autoApprove
            snapshot.exhaustionMode = seedSettings.creditsExhausted.flatMap(CreditExhaustionMode.init(rawValue:))
        }
        initial.withLock { $0 = snapshot }
    }

    func capture() -> Snapshot {
        Snapshot(integrations: integrations.snapshot(), oauth: oauth.snapshot(), sessions: sessions.snapshot(), ledger: ledger.snapshot(),
                 admin: admin.snapshot(), faults: faults.snapshot(), clockOffset: clock.offsetSeconds,
                 autoApprove: oauth.configuration.autoApproveSubject, company: company.current)
    }

    /// With `--state-dir` the database transaction comes first: it is the commit point, and the
    /// stores are then loaded from what was committed, as a restart would load them.
    func apply(_ snapshot: Snapshot) throws(AdminAPIError) {
        if let image = snapshot.persisted {
            try applyPersisted(snapshot, image: image)
        } else {
            integrations.restore(snapshot.integrations)
            ledger.restore(snapshot.ledger)
            if let mode = snapshot.exhaustionMode { ledger.exhaustionMode = mode }
            if !snapshot.keepsAdminSessions { admin.restore(snapshot.admin) }
        }
        oauth.restore(snapshot.oauth)
        sessions.restore(snapshot.sessions)
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
        try operation.withLock { _ throws(AdminAPIError) in
            guard var snapshot = initial.withLock({ $0 }) else { return }
            snapshot.keepsAdminSessions = true
            snapshot.company = company.resetEdition(clockNow: clock.now() - clock.offsetSeconds + snapshot.clockOffset)
            try apply(snapshot)
            journal.reset()
        }
        logger.notice("state reset to the seed")
    }

    /// Keeps the current state in memory under a new id.
    func takeSnapshot() throws(AdminAPIError) -> String {
        try checkSupported()
        return try operation.withLock { _ throws(AdminAPIError) in
            let snapshot = try captureForRestore()
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
            let restart = database == nil ? "" : " Snapshots are kept in memory only: they do not survive a restart, even with --state-dir."
            throw AdminAPIError(.notFound, "unknown_snapshot", "No snapshot '\(id)'; kept: \(known.isEmpty ? "none" : known.joined(separator: ", ")) (the last \(Self.snapshotLimit)).\(restart)")
        }
        try operation.withLock { _ throws(AdminAPIError) in try apply(snapshot) }
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
    /// In memory only: with `--state-dir`, `PUT /_mock/state` builds its image apart (`+Persistence`).
    func transaction(_ change: () throws(AdminAPIError) -> Void) throws(AdminAPIError) {
        try checkSupported()
        try operation.withLock { _ throws(AdminAPIError) in
            let before = capture()
            do throws(AdminAPIError) { try change() } catch {
                try apply(before)
                throw error
            }
        }
    }

    /// Runs `body` under the operation lock (the controls never interleave).
    func serialized<Result>(_ body: () throws(AdminAPIError) -> Result) throws(AdminAPIError) -> Result {
        try operation.withLock { _ throws(AdminAPIError) in try body() }
    }
}
