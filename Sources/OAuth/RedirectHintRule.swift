/// One row of the redirect-mismatch hint table: a named test on the requested URI and the closest
/// registered one, and the advice it gives. `RedirectMismatch` applies the rows in order and keeps
/// the first hint, so each refusal carries at most one.
public struct RedirectHintRule: Sendable {
    /// What a rule looks at.
    public struct Input: Sendable {
        public let requested: String
        public let closest: String?
        public let registered: [String]
        /// `RedirectURIDifference.between(requested, closest)`, empty when nothing is registered.
        public let differences: [RedirectURIDifference]

        var requestedURI: URIReference? { URIReference(requested) }
        var closestURI: URIReference? { closest.flatMap(URIReference.init) }
    }

    public let name: String
    let advice: @Sendable (Input) -> String?

    public init(name: String, advice: @escaping @Sendable (Input) -> String?) {
        self.name = name
        self.advice = advice
    }

    func hint(for input: Input) -> RedirectHint? {
        advice(input).map { RedirectHint(rule: name, text: $0) }
    }

    /// The generic rows, in the order they are tried. The loopback-host row comes first and the
    /// trailing-slash row compares loopback URIs without their ports, because RFC 8252 §7.3 already
    /// forgives the port and the remaining difference is the one to name.
    public static let standard: [RedirectHintRule] = [
        claudeSibling, letterCase, loopbackHost, trailingSlash, scheme, port, pathSegment, query,
    ]

    /// claude.ai ↔ claude.com: Claude uses both callbacks, depending on where the user signed in.
    public static let claudeSibling = RedirectHintRule(name: "claude-sibling") { input in
        let pair = ["https://claude.ai/api/mcp/auth_callback", "https://claude.com/api/mcp/auth_callback"]
        guard let index = pair.firstIndex(of: input.requested), input.registered.contains(pair[1 - index]) else { return nil }
        return "Claude uses both the claude.ai and the claude.com callback; register both (the Claude preset does)."
    }

    /// localhost ↔ 127.0.0.1 ↔ [::1]: different hosts to OAuth, though they reach the same machine.
    public static let loopbackHost = RedirectHintRule(name: "loopback-host") { input in
        guard let requested = input.requestedURI, let closest = input.closestURI, requested.isLoopback, closest.isLoopback,
              input.differences == [.host] else { return nil }
        let asked = requested.displayHostWithoutPort, registered = closest.displayHostWithoutPort
        return "\(asked) and \(registered) are different hosts to OAuth, although both are this machine: loopback redirect URIs must match "
            + "except for the port (RFC 8252 §7.3). Register \(requested.rendered(includingPort: false)) too, or make the client use \(registered) "
            + "(RFC 8252 §8.3 recommends the IP literal 127.0.0.1 over localhost)."
    }

    public static let trailingSlash = RedirectHintRule(name: "trailing-slash") { input in
        guard input.differences == [.trailingSlash], let requested = input.requestedURI else { return nil }
        let verb = requested.path.hasSuffix("/") ? "adds" : "drops"
        return "The requested URI \(verb) a trailing slash; redirect URIs are compared exactly, so the slash matters."
    }

    public static let scheme = RedirectHintRule(name: "scheme") { input in
        guard input.differences == [.scheme], let requested = input.requestedURI, let closest = input.closestURI,
              Set([requested.normalizedScheme, closest.normalizedScheme]) == ["http", "https"] else { return nil }
        return "The requested URI uses \(requested.scheme) where \(closest.scheme) is registered (http vs https); the scheme must match."
    }

    public static let port = RedirectHintRule(name: "port") { input in
        guard input.differences == [.port] else { return nil }
        return "Only the port differs; any port is accepted only for http redirect URIs on a loopback host (RFC 8252 §7.3), "
            + "so register this port or use the registered one."
    }

    /// One path is the other plus or minus whole segments (`/callback` vs `/oauth/callback`).
    public static let pathSegment = RedirectHintRule(name: "path-segment") { input in
        guard input.differences == [.path], let requested = input.requestedURI, let closest = input.closestURI else { return nil }
        let asked = requested.path.split(separator: "/"), registered = closest.path.split(separator: "/")
        if asked.count < registered.count, registered.starts(with: asked) || registered.reversed().starts(with: asked.reversed()) {
            let missing = registered.filter { !asked.contains($0) }.joined(separator: "/")
            return "The requested path \(requested.path.isEmpty ? "(empty)" : requested.path) is missing the segment '\(missing)' of the registered \(closest.path)."
        }
        if asked.count > registered.count, asked.starts(with: registered) || asked.reversed().starts(with: registered.reversed()) {
            let extra = asked.filter { !registered.contains($0) }.joined(separator: "/")
            return "The requested path \(requested.path) has the extra segment '\(extra)' compared with the registered \(closest.path.isEmpty ? "(empty)" : closest.path)."
        }
        return nil
    }

    public static let letterCase = RedirectHintRule(name: "letter-case") { input in
        guard let requested = input.requestedURI, let closest = input.closestURI else { return nil }
        let includePort = !(requested.isHTTPLoopback && closest.isHTTPLoopback)
        let asked = requested.rendered(includingPort: includePort), registered = closest.rendered(includingPort: includePort)
        guard asked != registered, asked.lowercased() == registered.lowercased() else { return nil }
        return "Only the letter case differs; redirect URIs are compared exactly, case included."
    }

    public static let query = RedirectHintRule(name: "query") { input in
        guard input.differences == [.query] else { return nil }
        return "Only the query differs; redirect URIs are compared exactly, query included."
    }
}

extension URIReference {
    /// The host as written in a URI (`[::1]` for IPv6), without the port.
    var displayHostWithoutPort: String {
        guard let host else { return scheme + ":" }
        return host.contains(":") ? "[\(host)]" : host
    }
}
