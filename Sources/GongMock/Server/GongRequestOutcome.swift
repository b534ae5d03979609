import HTTPServer

/// What the Gong layer adds to a request's `RequestOutcome` (key: this type): the credits a tool
/// call charged or could not charge (gong.md §2.4), for the journal and the client verdicts.
public struct GongRequestOutcome: RequestOutcomeKey, Sendable {
    public typealias Value = GongRequestOutcome

    /// Credits charged by a tool call.
    public var creditsCharged: Double?
    /// True when a tool call was refused because the pool could not pay for it.
    public var creditsExhausted = false
    /// True when the bearer token came in the query string (refused, RFC 6750 §2.3).
    public var tokenInQuery = false

    public init() {}
}
