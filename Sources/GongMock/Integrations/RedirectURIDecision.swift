import OAuth

/// The answer to "may this client be sent to this redirect_uri?", with the reason either way, so
/// the authorize page and the log can say exactly which check decided.
public struct RedirectURIDecision: Sendable, Equatable {
    /// Which rule admitted the URI, or `.refused`.
    public enum Basis: String, Sendable, Equatable {
        /// Character-for-character equal to a registered URI (RFC 6749 §3.1.2.3, OAuth 2.1 §4.1.3).
        case exactMatch = "exact-match"
        /// Equal to a registered loopback URI except for the port (RFC 8252 §7.3).
        case loopbackAnyPort = "loopback-any-port"
        /// Admitted by the integration's ChatGPT dynamic-redirect rule (see `RedirectURIRules`).
        case chatGPTDynamic = "chatgpt-dynamic"
        case refused
    }

    public let requested: String
    public let basis: Basis
    /// The registered URI that admitted it, or the closest registered one when refused.
    public let registeredURI: String?
    /// Sentences for humans (for a mismatch, `mismatch.text`).
    public let explanation: String
    /// Set when a well-formed URI matched nothing registered: closest URI, difference, hint.
    public let mismatch: RedirectMismatch?

    public var isAllowed: Bool { basis != .refused }
    /// The mismatch's one hint, if any.
    public var hint: String? { mismatch?.hint?.text }

    public init(requested: String, basis: Basis, registeredURI: String?, explanation: String) {
        self.requested = requested
        self.basis = basis
        self.registeredURI = registeredURI
        self.explanation = explanation
        self.mismatch = nil
    }

    public init(mismatch: RedirectMismatch) {
        requested = mismatch.requested
        basis = .refused
        registeredURI = mismatch.closest
        explanation = mismatch.text
        self.mismatch = mismatch
    }

    /// The OAuth layer's view of this decision.
    public var redirectDecision: RedirectDecision {
        if isAllowed { return .allowed }
        if let mismatch { return .mismatch(mismatch) }
        return .refused(explanation: explanation)
    }
}
