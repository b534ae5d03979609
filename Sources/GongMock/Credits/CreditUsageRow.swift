/// One row of the credit-usage report: a charge that happened.
public struct CreditUsageRow: Sendable, Hashable {
    /// 1, 2, 3, … in charge order; stable across persistence.
    public let sequence: Int
    /// "Usage time", epoch seconds (UTC).
    public let usageTime: Double
    public let usage: CreditUsage
    /// "Credits used".
    public let creditsUsed: CreditAmount
    /// Pool balance right after this charge (not a Gong column; handy for audits).
    public let balanceAfter: CreditAmount

    public init(sequence: Int, usageTime: Double, usage: CreditUsage, creditsUsed: CreditAmount,
                balanceAfter: CreditAmount) {
        self.sequence = sequence
        self.usageTime = usageTime
        self.usage = usage
        self.creditsUsed = creditsUsed
        self.balanceAfter = balanceAfter
    }
}
