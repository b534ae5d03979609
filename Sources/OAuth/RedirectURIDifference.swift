/// One way a requested redirect URI differs from a registered one, named in the parts of
/// RFC 3986 §3. Redirect URIs are compared character for character (RFC 6749 §3.1.2.3,
/// OAuth 2.1 §4.1.3), so any difference refuses; naming it tells the developer what to fix.
public enum RedirectURIDifference: String, Sendable, Equatable, CaseIterable {
    case scheme
    case host
    /// Only listed when the port matters: an `http` loopback URI may use any port (RFC 8252 §7.3).
    case port
    /// The paths differ by more than a trailing slash.
    case path
    /// The paths are equal but for a trailing `/`.
    case trailingSlash = "trailing slash"
    case query
    /// Anything else (fragment, userinfo, an unparsable URI).
    case other

    /// The differences between `requested` and `registered`, in RFC 3986 order. Both ports are
    /// ignored when both URIs are `http` on a loopback host, since that rule already admits any port.
    public static func between(_ requested: String, _ registered: String) -> [RedirectURIDifference] {
        guard requested != registered else { return [] }
        guard let lhs = URIReference(requested), let rhs = URIReference(registered) else { return [.other] }
        var differences: [RedirectURIDifference] = []
        if lhs.scheme != rhs.scheme { differences.append(.scheme) }
        if lhs.host != rhs.host || lhs.hasAuthority != rhs.hasAuthority { differences.append(.host) }
        if lhs.port != rhs.port, !(lhs.isHTTPLoopback && rhs.isHTTPLoopback) { differences.append(.port) }
        if lhs.path != rhs.path {
            differences.append(lhs.path.trimmingTrailingSlash == rhs.path.trimmingTrailingSlash ? .trailingSlash : .path)
        }
        if lhs.query != rhs.query { differences.append(.query) }
        if differences.isEmpty { differences.append(.other) }
        return differences
    }
}

extension URIReference {
    /// `http` on a loopback host: the case where RFC 8252 §7.3 lets the port vary.
    var isHTTPLoopback: Bool { normalizedScheme == "http" && isLoopback }
}

extension String {
    var trimmingTrailingSlash: Substring {
        var text = Substring(self)
        while text.count > 1, text.hasSuffix("/") { text = text.dropLast() }
        return text
    }
}
