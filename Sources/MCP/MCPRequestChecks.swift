import HTTPServer

/// Header checks of Streamable HTTP (MCP 2025-11-25 "Transports"): `Origin` and `Host` against DNS
/// rebinding, `Accept` and `Content-Type` of a POST.
enum MCPRequestChecks {
    private static let loopbackHosts: Set<String> = ["localhost", "127.0.0.1", "[::1]"]

    /// Splits `host[:port]` (IPv6 literals in brackets) into a lowercased host and optional port.
    static func splitAuthority(_ authority: String) -> (host: String, port: String?)? {
        let text = authority.lowercased()
        guard !text.isEmpty else { return nil }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let host = String(text[...close])
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { return (host, nil) }
            guard rest.hasPrefix(":") else { return nil }
            let port = String(rest.dropFirst())
            return isPort(port) ? (host, port) : nil
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return (text, nil)
        case 2:
            let port = String(parts[1])
            return isPort(port) ? (String(parts[0]), port) : nil
        default: return nil
        }
    }

    private static func isPort(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 5 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    static func isLoopbackAuthority(_ authority: String) -> Bool {
        guard let (host, _) = splitAuthority(authority) else { return false }
        return loopbackHosts.contains(host)
    }

    /// Nil when `Origin` is absent or allowed; else why it is refused.
    static func originProblem(_ request: HTTPRequest, allowed: [String]?) -> String? {
        guard let origin = request.headers["Origin"] else { return nil }
        if let allowed {
            if allowed.contains("*") || allowed.contains(where: { HTTPHeaders.equalsIgnoringCase($0, origin) }) { return nil }
            return "Origin \"\(origin)\" is not allowed to call this MCP server (allowed: \(allowed.joined(separator: ", ")))"
        }
        for scheme in ["http://", "https://"] where origin.lowercased().hasPrefix(scheme) {
            let authority = String(origin.dropFirst(scheme.count))
            if !authority.contains("/"), isLoopbackAuthority(authority) { return nil }
        }
        return "Origin \"\(origin)\" is not allowed: only loopback origins (localhost, 127.0.0.1, [::1]) may call this MCP server"
    }

    /// Nil when the `Host` passes `check`; else why it is refused.
    static func hostProblem(_ request: HTTPRequest, check: MCPHostCheck) -> String? {
        guard case .loopback(let publicHosts) = check else { return nil }
        guard let host = request.headers["Host"] else {
            return "Host header missing: this MCP server only answers requests naming localhost, 127.0.0.1 or [::1]"
        }
        if isLoopbackAuthority(host) { return nil }
        if let (name, port) = splitAuthority(host) {
            for allowed in publicHosts {
                guard let (allowedName, allowedPort) = splitAuthority(allowed), allowedName == name else { continue }
                if allowedPort == nil || allowedPort == port { return nil }
            }
        }
        let names = ["localhost", "127.0.0.1", "[::1]"] + publicHosts
        return "Host \"\(host)\" is not served here (DNS-rebinding protection): expected one of \(names.joined(separator: ", "))"
    }

    /// The media ranges of `Accept` with a non-zero quality, lowercased, parameters dropped.
    static func acceptedMediaTypes(_ request: HTTPRequest) -> [Substring] {
        var types: [Substring] = []
        for value in request.headers.values("Accept") {
            for range in value.split(separator: ",") {
                var parameters = range.split(separator: ";")
                guard let type = parameters.first else { continue }
                parameters.removeFirst()
                let refused = parameters.contains { parameter in
                    let trimmed = parameter.trimmingHTTPWhitespace().lowercased().replacingSpaces()
                    return trimmed.hasPrefix("q=") && (Double(trimmed.dropFirst(2)) ?? 1) == 0
                }
                if !refused { types.append(Substring(type.trimmingHTTPWhitespace().lowercased())) }
            }
        }
        return types
    }

    /// Whether `Accept` lists `type` itself (wildcards do not count: the spec says "listing").
    static func accepts(_ types: [Substring], _ type: String) -> Bool {
        types.contains { $0 == type }
    }
}

extension String {
    fileprivate func replacingSpaces() -> String { String(filter { $0 != " " && $0 != "\t" }) }
}
