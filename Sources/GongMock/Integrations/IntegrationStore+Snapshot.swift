extension IntegrationStore {
    /// Integrations (with ids and secrets) and registered clients at one instant.
    /// With the random source's position, so a restored seeded run hands out the same ids again.
    public struct Snapshot: Sendable {
        let state: State
        var randomPosition: UInt64? = nil
    }

    public func snapshot() -> Snapshot { state.withLock { Snapshot(state: $0, randomPosition: random.position) } }

    /// In memory only: the mock refuses snapshots while it persists state (`--state-dir`).
    public func restore(_ snapshot: Snapshot) {
        state.withLock { $0 = snapshot.state }
        random.restore(position: snapshot.randomPosition)
    }
}
