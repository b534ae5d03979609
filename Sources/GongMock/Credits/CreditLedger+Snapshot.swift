extension CreditLedger {
    /// Balance, total and usage report at one instant.
    public struct Snapshot: Sendable {
        let state: State
    }

    public func snapshot() -> Snapshot { state.withLock { Snapshot(state: $0) } }

    public func restore(_ snapshot: Snapshot) { state.withLock { $0 = snapshot.state } }

    /// Replaces the pool (`PUT /_mock/state`'s `credits`); the usage report is emptied.
    public func replacePool(balance: CreditAmount, total: CreditAmount) {
        state.withLock { $0 = State(balance: balance, total: total, rows: CompactCreditRows(), nextSequence: 1, exhaustionMode: $0.exhaustionMode) }
    }

    /// How a call the pool cannot pay for is refused (`--credits-exhausted`, the state's `creditsExhausted`).
    public var exhaustionMode: CreditExhaustionMode {
        get { state.withLock { $0.exhaustionMode } }
        set { state.withLock { $0.exhaustionMode = newValue } }
    }
}
