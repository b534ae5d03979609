/// Comparison of resource indicators (RFC 8707 §2) and token audiences (RFC 9068 §4) with the
/// tolerance the MCP specification asks for ("Canonical Server URI"): scheme and host compare
/// case-insensitively and one trailing slash on the path is ignored. Everything else is exact.
public enum ResourceIdentifier {
    public static func matches(_ candidate: String, canonical: String) -> Bool {
        if candidate == canonical { return true }
        guard let lhs = URIReference(candidate), let rhs = URIReference(canonical) else { return false }
        return lhs.normalizedScheme == rhs.normalizedScheme
            && lhs.normalizedHost == rhs.normalizedHost
            && lhs.port == rhs.port
            && lhs.userInfo == nil && rhs.userInfo == nil
            && trimmedPath(lhs.path) == trimmedPath(rhs.path)
            && lhs.query == rhs.query
            && lhs.fragment == nil
    }

    private static func trimmedPath(_ path: String) -> String {
        path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}
