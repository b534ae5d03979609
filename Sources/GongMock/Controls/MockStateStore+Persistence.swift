import Essentials
import HTTPServer

/// Reset, snapshot/restore and `PUT /_mock/state` with `--state-dir` (issues #15 item 1, #16
/// item 4). Each control is one SQLite transaction replacing the whole resettable state (see
/// `StateDatabase.Image`), taken with the OAuth server's rotation lock and the integration,
/// ledger and admin-session locks held (in that order, the order their own paths nest in), so a
/// write-through of a request in flight lands wholly before or wholly after it. The stores are
/// then loaded back from the committed rows, exactly as a restart would load them: what a
/// control acknowledged is what the server serves, now and after a kill -9.
extension MockStateStore {
    /// The state now; with `--state-dir` it carries the database image taken at the same instant.
    func captureForRestore() throws(AdminAPIError) -> Snapshot {
        var snapshot = capture()
        if let database {
            snapshot.persisted = try Self.storage("reading the state for a snapshot") { () throws(StateDatabaseError) in
                try oauth.exclusively { () throws(StateDatabaseError) in
                    try lockingStores { _, _, _ throws(StateDatabaseError) in try database.captureImage() }
                }
            }
        }
        return snapshot
    }

    /// Writes `snapshot`'s image and switches, then loads the stores from them.
    func applyPersisted(_ snapshot: Snapshot, image: StateDatabase.Image) throws(AdminAPIError) {
        let settings = StateDatabase.Settings(replacedByControl: true, autoApprove: snapshot.autoApprove,
                                              creditsExhausted: (snapshot.exhaustionMode ?? snapshot.ledger.state.exhaustionMode).rawValue)
        try writePersisted(image, settings: settings, keepingAdminSessions: snapshot.keepsAdminSessions)
    }

    /// The commit point of every persistent control.
    func writePersisted(_ image: StateDatabase.Image, settings: StateDatabase.Settings, keepingAdminSessions: Bool) throws(AdminAPIError) {
        guard let database else { return }
        let mode = settings.creditsExhausted.flatMap(CreditExhaustionMode.init(rawValue:)) ?? ledger.exhaustionMode
        try Self.storage("replacing the state") { () throws(StateDatabaseError) in
            try oauth.exclusively { () throws(StateDatabaseError) in
                try lockingStores { integrationState, ledgerState, adminState throws(StateDatabaseError) in
                    try database.replace(with: image.with(settings), keeping: keepingAdminSessions ? ["admin_sessions"] : [])
                    try reloadStores(from: database, exhaustionMode: mode, adminSessions: !keepingAdminSessions,
                                     into: &integrationState, &ledgerState, &adminState)
                }
            }
        }
    }

    /// Loads integrations, the ledger and admin sessions from the database into their stores'
    /// states, whose locks the caller holds (`lockingStores`), so nothing reads or writes them in between.
    private func reloadStores(from database: StateDatabase, exhaustionMode: CreditExhaustionMode, adminSessions: Bool,
                              into integrationState: inout IntegrationStore.State, _ ledgerState: inout CreditLedger.State,
                              _ adminState: inout AdminAuth.State) throws(StateDatabaseError) {
        let loaded = IntegrationStore.State(integrations: try database.loadIntegrations(), clients: try database.loadRegisteredClients())
        let pool = try database.loadCreditBalance() ?? (balance: 0, total: 0)
        let next = Int(try database.lastCreditSequence()) + 1
        try (ledger.journal as? StateCreditJournal)?.reload(total: pool.total)
        if adminSessions {
            let sessions = try database.loadAdminSessions(startedAfter: clock.now() - admin.sessionLifetime)
            adminState.sessions = Dictionary(sessions.map { ($0.idHash, $0) }, uniquingKeysWith: { _, last in last })
        }
        integrationState = loaded
        ledgerState = CreditLedger.State(balance: CreditAmount(credits: pool.balance), total: CreditAmount(credits: pool.total),
                                         rows: CompactCreditRows(firstSequence: next), nextSequence: next, exhaustionMode: exhaustionMode)
    }

    /// Runs `body` holding the integration, ledger and admin-session locks: each of those stores
    /// writes through to the database under its own lock, so no write-through interleaves with
    /// `body`. Always taken in this order; none of those stores takes another's lock.
    func lockingStores<Result>(_ body: (inout IntegrationStore.State, inout CreditLedger.State, inout AdminAuth.State) throws(StateDatabaseError) -> Result)
        throws(StateDatabaseError) -> Result {
        try integrations.state.withLock { (integrationState: inout IntegrationStore.State) throws(StateDatabaseError) -> Result in
            try ledger.state.withLock { (ledgerState: inout CreditLedger.State) throws(StateDatabaseError) -> Result in
                try admin.state.withLock { (adminState: inout AdminAuth.State) throws(StateDatabaseError) -> Result in
                    try body(&integrationState, &ledgerState, &adminState)
                }
            }
        }
    }

    static func storage<Result>(_ doing: String, _ body: () throws(StateDatabaseError) -> Result) throws(AdminAPIError) -> Result {
        do {
            return try body()
        } catch {
            throw AdminAPIError(.internalServerError, "state_storage", "\(doing) failed in the state directory: \(error.description)")
        }
    }
}
