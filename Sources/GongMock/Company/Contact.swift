/// A CRM contact (Salesforce-style id `003…`) at a customer account.
///
/// Fixture file `contacts.json`; see Fixtures/README.md.
public struct Contact: Sendable, Hashable {
    public let id: String
    public let accountID: String
    public let name: String
    public let title: String
    public let email: String

    public init(id: String, accountID: String, name: String, title: String, email: String) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.title = title
        self.email = email
    }
}
