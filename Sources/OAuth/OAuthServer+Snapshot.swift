extension OAuthServer {
    /// The authorization server's state at one instant: the store's records (when the store is
    /// in memory) and the consent transactions already used.
    public struct Snapshot: Sendable {
        let store: InMemoryOAuthStateStore.Snapshot?
        let consumedTransactions: [String: Double]
    }

    /// nil store part when the store is not the in-memory one (a database is its own record).
    public func snapshot() -> Snapshot {
        let consumed = state.withLock { $0.consumedTransactions }
        return Snapshot(store: (store as? InMemoryOAuthStateStore)?.snapshot(), consumedTransactions: consumed)
    }

    /// Puts codes, grants and refresh tokens back as they were; the verified-token cache is
    /// emptied, so a token whose grant did not exist then stops working at once.
    public func restore(_ snapshot: Snapshot) {
        state.withLock { state in
            if let saved = snapshot.store, let memory = store as? InMemoryOAuthStateStore { memory.restore(saved) }
            state.consumedTransactions = snapshot.consumedTransactions
            state.verifiedTokens = [:]
        }
    }

    /// Whether snapshots cover the OAuth records (false with a persistent store).
    public var snapshotsCoverStore: Bool { store is InMemoryOAuthStateStore }
}
