extension MCPSessionStore {
    /// The open sessions (and tombstones) at one instant, for the test controls.
    public struct Snapshot: Sendable {
        let storage: Storage
    }

    public func snapshot() -> Snapshot { storage.withLock { Snapshot(storage: $0) } }

    /// Sessions open at the snapshot answer again; sessions opened since then are unknown (404).
    public func restore(_ snapshot: Snapshot) { storage.withLock { $0 = snapshot.storage } }
}
