/// The one piece of advice a redirect-URI mismatch carries, chosen from a table of
/// `RedirectHintRule`s (first applicable rule wins, so a page never repeats advice).
public struct RedirectHint: Sendable, Equatable {
    /// Stable name of the rule that produced it (`loopback-host`, `trailing-slash`…), for tests,
    /// logs and the journal.
    public let rule: String
    /// The advice in one or two sentences.
    public let text: String

    public init(rule: String, text: String) {
        self.rule = rule
        self.text = text
    }
}
