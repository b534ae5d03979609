/// The part of a usage row that repeats from call to call (what was used, by whom, at what
/// cost). The ledger interns it, so a row itself is only a time, a kind number and a balance.
public struct CreditUsageKind: Sendable, Hashable {
    public let usage: CreditUsage
    public let creditsUsed: CreditAmount

    public init(usage: CreditUsage, creditsUsed: CreditAmount) {
        self.usage = usage
        self.creditsUsed = creditsUsed
    }
}
