/// A CRM account (Salesforce-style id `001…`) synced into Gong.
///
/// Fixture file `accounts.json`; see Fixtures/README.md.
public struct CRMAccount: Sendable, Hashable {
    public let id: String
    public let name: String
    public let domain: String
    public let industry: String
    /// The Gong user who owns the account in the CRM.
    public let ownerID: String

    public init(id: String, name: String, domain: String, industry: String, ownerID: String) {
        self.id = id
        self.name = name
        self.domain = domain
        self.industry = industry
        self.ownerID = ownerID
    }
}
