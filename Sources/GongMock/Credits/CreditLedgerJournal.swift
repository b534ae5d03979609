/// Write-through persistence for the ledger (the state store implements it). Called inside the
/// ledger's lock, before a change becomes visible, so what the ledger acknowledges is what was
/// stored; throwing vetoes the change.
public protocol CreditLedgerJournal: Sendable {
    func record(_ change: CreditLedgerChange) throws
}

/// A journal that also keeps the usage rows (the SQLite state): the ledger then holds none in
/// memory, only the pool and the next sequence number, and reports read the rows from here.
public protocol CreditLedgerArchive: CreditLedgerJournal {
    /// Visits stored rows in sequence order, page by page (no lock is held while `visit` runs),
    /// until `visit` returns false.
    func visitRows(in range: ClosedRange<Double>?, _ visit: (CreditUsageRow) -> Bool) throws
}

public enum CreditLedgerChange: Sendable, Hashable {
    case charged(CreditUsageRow)
    case poolSet(balance: CreditAmount, total: CreditAmount)
}
