/// The outcome of `CreditLedger.charge`: either the whole cost was debited, or nothing was.
public enum ChargeResult: Sendable, Hashable {
    case charged(row: CreditUsageRow, balance: CreditAmount)
    /// The pool holds less than the cost; nothing was debited or recorded.
    case insufficient(balance: CreditAmount, cost: CreditAmount)
    /// The journal refused to record the charge (e.g. a disk error); nothing was debited.
    case notRecorded(reason: String)
}
