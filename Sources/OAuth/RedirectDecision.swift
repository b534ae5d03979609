/// Whether a client may use a redirect URI (RFC 6749 §3.1.2, OAuth 2.1 §2.3.1). A refusal is
/// shown on the authorization error page and written to the log, so it names the URI and what
/// was expected; a URI that is well formed but not registered is a `mismatch`, with the closest
/// registered URI, the difference and a hint.
public enum RedirectDecision: Sendable, Equatable {
    case allowed
    /// Malformed (relative, with a fragment…): no registered URI could ever match it.
    case refused(explanation: String)
    /// Well formed but not registered.
    case mismatch(RedirectMismatch)

    /// The refusal in sentences, nil when allowed.
    public var refusalText: String? {
        switch self {
        case .allowed: return nil
        case .refused(let explanation): return explanation
        case .mismatch(let mismatch): return mismatch.text
        }
    }
}
