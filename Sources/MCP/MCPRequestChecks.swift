import HTTPServer

/// `Origin` and `Host` checks of Streamable HTTP (MCP 2025-11-25 "Transports" §Security Warning:
/// validate `Origin`, 403 when present and invalid) against DNS rebinding. Byte-level, since they
/// run on every request.
enum MCPRequestChecks {
    /// Nil when `Origin` is absent or allowed; else why it is refused.
    static func originProblem(_ origin: String?, allowed: [String]?) -> String? {
        guard let origin else { return nil }
        if let allowed {
            if allowed.contains("*") || allowed.contains(where: { HTTPHeaders.equalsIgnoringCase($0, origin) }) { return nil }
            return "Origin \"\(origin)\" is not allowed to call this MCP server (allowed: \(allowed.joined(separator: ", ")))"
        }
        if isLoopbackOrigin(origin) { return nil }
        return "Origin \"\(origin)\" is not allowed: only loopback origins (localhost, 127.0.0.1, [::1]) may call this MCP server"
    }

    /// Nil when the `Host` passes `check`; else why it is refused.
    static func hostProblem(_ host: String?, check: MCPHostCheck) -> String? {
        guard case .loopback(let publicHosts) = check else { return nil }
        guard let host else {
            return "Host header missing: this MCP server only answers requests naming localhost, 127.0.0.1 or [::1]"
        }
        if isLoopbackAuthority(host) { return nil }
        if !publicHosts.isEmpty, let (name, port) = splitAuthority(host) {
            for allowed in publicHosts {
                guard let (allowedName, allowedPort) = splitAuthority(allowed), allowedName == name else { continue }
                if allowedPort == nil || allowedPort == port { return nil }
            }
        }
        let names = ["localhost", "127.0.0.1", "[::1]"] + publicHosts
        return "Host \"\(host)\" is not served here (DNS-rebinding protection): expected one of \(names.joined(separator: ", "))"
    }

    /// `http(s)://` + a loopback authority, nothing after it.
    static func isLoopbackOrigin(_ origin: String) -> Bool {
        var text = origin
        return text.withUTF8 { bytes in
            for scheme: StaticString in ["http://", "https://"] {
                let count = scheme.utf8CodeUnitCount
                guard bytes.count > count,
                      MCPRequestHeaders.matches(UnsafeBufferPointer(rebasing: bytes[..<count]), scheme) else { continue }
                return isLoopback(UnsafeBufferPointer(rebasing: bytes[count...]))
            }
            return false
        }
    }

    /// `localhost`, `127.0.0.1` or `[::1]` with an optional numeric port.
    static func isLoopbackAuthority(_ authority: String) -> Bool {
        var text = authority
        return text.withUTF8 { isLoopback($0) }
    }

    private static func isLoopback(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var hostEnd = 0
        if bytes.first == UInt8(ascii: "[") {
            while hostEnd < bytes.count, bytes[hostEnd] != UInt8(ascii: "]") { hostEnd += 1 }
            guard hostEnd < bytes.count else { return false }
            hostEnd += 1
        } else {
            while hostEnd < bytes.count, bytes[hostEnd] != UInt8(ascii: ":") { hostEnd += 1 }
        }
        let host = UnsafeBufferPointer(rebasing: bytes[..<hostEnd])
        guard MCPRequestHeaders.matches(host, "localhost") || MCPRequestHeaders.matches(host, "127.0.0.1")
                || MCPRequestHeaders.matches(host, "[::1]") else { return false }
        if hostEnd == bytes.count { return true }
        guard bytes[hostEnd] == UInt8(ascii: ":") else { return false }
        let port = bytes[(hostEnd + 1)...]
        return (1...5).contains(port.count) && port.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

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
        !text.isEmpty && text.utf8.count <= 5 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
