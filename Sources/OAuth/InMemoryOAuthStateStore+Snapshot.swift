extension InMemoryOAuthStateStore {
    /// Everything the store holds at one instant (codes, grants, refresh-token hashes,
    /// revocations, keys); opaque, for the test controls' snapshot, restore and reset.
    public struct Snapshot: Sendable {
        let contents: Contents
    }

    public func snapshot() -> Snapshot { contents.withLock { Snapshot(contents: $0) } }

    /// Puts the store back; signing keys are kept as they are now, so every token signed
    /// before stays verifiable.
    public func restore(_ snapshot: Snapshot) {
        contents.withLock { current in
            let keys = current.keys
            current = snapshot.contents
            current.keys = keys
        }
    }
}
