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
    /// One sentence for humans.
    public let explanation: String
    /// Extra advice when refused because of a near miss (trailing slash, case, port, Claude's sibling callback…).
    public let hint: String?

    public var isAllowed: Bool { basis != .refused }

    public init(requested: String, basis: Basis, registeredURI: String?, explanation: String, hint: String? = nil) {
        self.requested = requested
        self.basis = basis
        self.registeredURI = registeredURI
        self.explanation = explanation
        self.hint = hint
    }
}
