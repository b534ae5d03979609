import Essentials

/// One check of a client's behaviour (issue #14 "Client verdicts"): `pass`, `fail`, or
/// `not-seen` when the journal shows nothing that decides it (never `fail` for lack of evidence).
public struct ClientVerdict: Sendable, Equatable {
    public enum Status: String, Sendable { case pass, fail, notSeen = "not-seen" }

    /// Stable id (`pkce-s256`, `refresh-token-reuse`, …), documented in the README.
    public let id: String
    public let status: Status
    /// The RFC or MCP specification section the check applies.
    public let rule: String
    /// One sentence naming the values seen (secrets redacted as in the journal).
    public let reason: String
    /// The journal entries (seq) that show it.
    public let entries: [UInt64]

    public init(id: String, status: Status, rule: String, reason: String, entries: [UInt64] = []) {
        self.id = id
        self.status = status
        self.rule = rule
        self.reason = reason
        self.entries = entries
    }

    public var jsonValue: JSONValue {
        ["id": .string(id), "status": .string(status.rawValue), "rule": .string(rule), "reason": .string(reason),
         "entries": .array(entries.map { .number(Double($0)) })]
    }
}
