/// The customer company the mock impersonates (Gong's "company" that owns the credit pool).
///
/// Fixture file `company.json`, member `company`; see Fixtures/README.md.
public struct CompanyInfo: Sendable, Hashable {
    public let id: String
    public let name: String
    /// The e-mail domain of the company's own users (e.g. `northwind-analytics.com`).
    public let domain: String

    public init(id: String, name: String, domain: String) {
        self.id = id
        self.name = name
        self.domain = domain
    }
}
