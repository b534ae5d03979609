extension IntegrationStore {
    /// Integrations (with ids and secrets) and registered clients at one instant.
    public struct Snapshot: Sendable {
        let state: State
    }

    public func snapshot() -> Snapshot { state.withLock { Snapshot(state: $0) } }

    /// In memory only: the mock refuses snapshots while it persists state (`--state-dir`).
    public func restore(_ snapshot: Snapshot) { state.withLock { $0 = snapshot.state } }
}
