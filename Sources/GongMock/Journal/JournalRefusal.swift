/// Why a request was refused: a stable rule id (`token.pkce.mismatch`, `mcp.session.missing`,
/// `http.408`) and the sentence the client was told.
public struct JournalRefusal: Sendable, Equatable {
    public let rule: String
    public let text: String

    public init(rule: String, text: String) {
        self.rule = rule
        self.text = text
    }
}
