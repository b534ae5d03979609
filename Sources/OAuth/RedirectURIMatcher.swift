/// The generic redirect-URI rule: exact string match against registered URIs (OAuth 2.1 §2.3.1,
/// RFC 6749 §3.1.2.3), except that an `http` loopback redirect matches on any port
/// (RFC 8252 §7.3), because native clients pick an ephemeral port at run time.
public enum RedirectURIMatcher {
    public static func decision(for requested: String, registered: [String], owner: String = "this client") -> RedirectDecision {
        if registered.contains(requested) { return .allowed }
        guard let uri = URIReference(requested) else {
            return .refused(explanation: "redirect_uri '\(requested)' is not an absolute URI (RFC 3986 §4.3).")
        }
        if uri.fragment != nil {
            return .refused(explanation: "redirect_uri '\(requested)' contains a fragment, which RFC 6749 §3.1.2 forbids.")
        }
        if uri.isHTTPLoopback {
            let portless = uri.rendered(includingPort: false)
            for candidate in registered {
                guard let registeredURI = URIReference(candidate), registeredURI.isHTTPLoopback else { continue }
                if registeredURI.rendered(includingPort: false) == portless { return .allowed }
            }
        }
        return .mismatch(RedirectMismatch(requested: requested, owner: owner, registered: registered))
    }
}
