import HTTPServer

/// What the authorization server decided during one HTTP request, recorded in the request's
/// `RequestOutcome` (key: this type) so an outer middleware (the journal) sees which client
/// asked and which rule decided, without parsing logs.
public struct OAuthRequestOutcome: RequestOutcomeKey, Sendable {
    public typealias Value = OAuthRequestOutcome

    /// The last client id a decision named (the OAuth `client_id`).
    public var clientID: String?
    /// The last subject (user) a decision named.
    public var subjectID: String?
    /// Every decision, in order; most requests make one.
    public var decisions: [OAuthDecisionEvent] = []

    public init() {}

    /// The first refusal, which is what the client was told.
    public var refusal: OAuthDecisionEvent? { decisions.first { $0.outcome == .refused } }

    mutating func add(_ event: OAuthDecisionEvent) {
        decisions.append(event)
        if let client = event.clientID { clientID = client }
        if let subject = event.subjectID { subjectID = subject }
    }
}
