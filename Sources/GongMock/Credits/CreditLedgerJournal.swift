/// Write-through persistence for the ledger (the state store implements it). Called inside the
/// ledger's lock, before a change becomes visible, so what the ledger acknowledges is what was
/// stored; throwing vetoes the change.
public protocol CreditLedgerJournal: Sendable {
    func record(_ change: CreditLedgerChange) throws
}

public enum CreditLedgerChange: Sendable, Hashable {
    case charged(CreditUsageRow)
    case poolSet(balance: CreditAmount, total: CreditAmount)
}
