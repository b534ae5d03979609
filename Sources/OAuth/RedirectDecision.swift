/// Whether a client may use a redirect URI (RFC 6749 §3.1.2, OAuth 2.1 §2.3.1). The refusal text
/// is shown verbatim on the authorization error page and written to the log, so it should name
/// the URI and what was expected.
public enum RedirectDecision: Sendable, Equatable {
    case allowed
    case refused(explanation: String)
}
