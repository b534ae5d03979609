/// A CRM opportunity (Salesforce-style id `006…`) synced into Gong.
///
/// Fixture file `deals.json`; see Fixtures/README.md.
public struct Deal: Sendable, Hashable {
    public let id: String
    public let name: String
    public let accountID: String
    public let ownerID: String
    public let stage: String
    public let amount: Double
    public let currency: String
    /// `YYYY-MM-DD` (UTC), resolved from the fixture's `closeDate.daysFromNow` at load.
    public let closeDate: String

    public init(id: String, name: String, accountID: String, ownerID: String, stage: String, amount: Double,
                currency: String, closeDate: String) {
        self.id = id
        self.name = name
        self.accountID = accountID
        self.ownerID = ownerID
        self.stage = stage
        self.amount = amount
        self.currency = currency
        self.closeDate = closeDate
    }
}
