/// An e-mail captured by Gong. Addresses resolve to users or contacts by their `email`.
///
/// Fixture file `emails.json`; `sent` is relative to "now", resolved at load. See Fixtures/README.md.
public struct Email: Sendable, Hashable {
    public let id: String
    /// Seconds since the Unix epoch (UTC).
    public let sentTime: Double
    public let from: String
    public let to: [String]
    public let cc: [String]
    public let subject: String
    public let body: String
    public let accountID: String
    public let dealID: String?

    public init(id: String, sentTime: Double, from: String, to: [String], cc: [String], subject: String, body: String,
                accountID: String, dealID: String?) {
        self.id = id
        self.sentTime = sentTime
        self.from = from
        self.to = to
        self.cc = cc
        self.subject = subject
        self.body = body
        self.accountID = accountID
        self.dealID = dealID
    }
}
