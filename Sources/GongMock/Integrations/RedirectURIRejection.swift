/// One registration rule of `RedirectURIRules`, with a stable name (shown in API errors and on the
/// admin form) and the rule in plain words.
public enum RedirectURIRule: String, Sendable, CaseIterable, Hashable {
    case absoluteURI = "absolute-uri"
    case noWhitespace = "no-whitespace"
    case noWildcard = "no-wildcard"
    case noFragment = "no-fragment"
    case noUserinfo = "no-userinfo"
    case hostRequired = "host-required"
    case validPort = "valid-port"
    case httpsOrLoopback = "https-or-loopback"
    case allowedScheme = "allowed-scheme"
    case webScheme = "web-scheme"
    case maximumLength = "maximum-length"

    /// The rule as a sentence.
    public var statement: String {
        switch self {
        case .absoluteURI: return "a redirect URI must be absolute (scheme:rest), RFC 6749 §3.1.2"
        case .noWhitespace: return "a redirect URI must not contain spaces or control characters"
        case .noWildcard: return "wildcards (*) are not allowed; register each callback URL exactly"
        case .noFragment: return "a redirect URI must not contain a fragment (#...), RFC 6749 §3.1.2"
        case .noUserinfo: return "a redirect URI must not contain user information (user@host)"
        case .hostRequired: return "http and https redirect URIs need a host"
        case .validPort: return "the port must be a number from 0 to 65535"
        case .httpsOrLoopback: return "use https; http is allowed only for loopback hosts (localhost, 127.0.0.0/8, [::1]), RFC 8252 §7.3 and §8.3"
        case .allowedScheme: return "javascript:, data:, file:, vbscript:, about:, blob: and urn: schemes are not redirect targets; native apps use a private-use scheme such as cursor:// or com.example.app:/ (RFC 8252 §7.1)"
        case .webScheme: return "network schemes other than http and https (ftp, ws, mailto, ...) cannot receive an authorization redirect; use https, http on loopback, or a private-use scheme"
        case .maximumLength: return "a redirect URI may be at most \(RedirectURIRules.maximumLength) characters"
        }
    }
}

/// A refused redirect URI and the rule it broke.
public struct RedirectURIRejection: Sendable, Equatable {
    public let uri: String
    public let rule: RedirectURIRule
    public let detail: String?

    public init(uri: String, rule: RedirectURIRule, detail: String? = nil) {
        self.uri = uri
        self.rule = rule
        self.detail = detail
    }

    /// `"http://example.com/cb" is refused (rule https-or-loopback): use https; ...`
    public var message: String {
        var text = "'\(uri)' is refused (rule \(rule.rawValue)): \(rule.statement)"
        if let detail { text += " (\(detail))" }
        return text + "."
    }
}
