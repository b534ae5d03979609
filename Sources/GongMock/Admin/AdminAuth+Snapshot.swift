extension AdminAuth {
    /// Login tokens and admin sessions at one instant.
    public struct Snapshot: Sendable {
        let state: State
    }

    public func snapshot() -> Snapshot { state.withLock { Snapshot(state: $0) } }

    public func restore(_ snapshot: Snapshot) { state.withLock { $0 = snapshot.state } }
}
