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

extension OAuthServer {
    /// Runs `body` holding the lock under which every rotation, code redemption and revocation
    /// re-reads and writes the store, so none of them interleaves with `body` (the test controls
    /// take or replace a persistent store's records this way; call `restore` afterwards to empty
    /// the verified-token cache). `body` must not call back into this server.
    public func exclusively<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        try state.withLock { (_: inout State) throws(Failure) -> Result in try body() }
    }
}
