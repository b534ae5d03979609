/// The generic redirect-URI rule: exact string match against registered URIs (OAuth 2.1 §2.3.1,
/// RFC 6749 §3.1.2.3), except that an `http` loopback redirect matches on any port
/// (RFC 8252 §7.3), because native clients pick an ephemeral port at run time.
public enum RedirectURIMatcher {
    public static func decision(for requested: String, registered: [String]) -> RedirectDecision {
        if registered.contains(requested) { return .allowed }
        guard let uri = URIReference(requested) else {
            return .refused(explanation: "redirect_uri '\(requested)' is not an absolute URI (RFC 3986 §4.3).")
        }
        if uri.fragment != nil {
            return .refused(explanation: "redirect_uri '\(requested)' contains a fragment, which RFC 6749 §3.1.2 forbids.")
        }
        if uri.normalizedScheme == "http", uri.isLoopback {
            let portless = uri.rendered(includingPort: false)
            for candidate in registered {
                guard let registeredURI = URIReference(candidate), registeredURI.normalizedScheme == "http", registeredURI.isLoopback else { continue }
                if registeredURI.rendered(includingPort: false) == portless { return .allowed }
            }
        }
        return .refused(explanation: refusalText(for: requested, registered: registered))
    }

    /// Names the closest registered URI, since most mismatches are one character, a port or a
    /// host alias (claude.ai vs claude.com).
    public static func refusalText(for requested: String, registered: [String]) -> String {
        guard !registered.isEmpty else {
            return "redirect_uri '\(requested)' is not registered for this client, which has no redirect URIs registered."
        }
        let closest = registered.min(by: { distance($0, requested) < distance($1, requested) }) ?? registered[0]
        let list = registered.map { "'\($0)'" }.joined(separator: ", ")
        return "redirect_uri '\(requested)' is not registered for this client (exact match required; loopback http URIs match on any port). Registered: \(list). Closest: '\(closest)'."
    }

    /// Levenshtein distance over UTF-8 bytes, capped to keep hostile input cheap.
    static func distance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.utf8.prefix(512)), b = Array(rhs.utf8.prefix(512))
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
