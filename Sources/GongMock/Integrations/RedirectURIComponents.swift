/// A redirect URI split into its RFC 3986 §3 components, without normalising anything: matching
/// compares the original string (RFC 6749 §3.1.2.3, OAuth 2.1 §4.1.3 "exact string matching"), and
/// the parts are only used to apply the registration rules and to explain mismatches.
public struct RedirectURIComponents: Sendable, Equatable {
    /// As written (case preserved).
    public let scheme: String
    /// The text after `//` up to the path, or nil when the URI has no authority.
    public let authority: String?
    public let userinfo: String?
    /// As written; IPv6 literals keep their brackets (`[::1]`).
    public let host: String?
    public let port: Int?
    /// The port text as written (`""` when `host:` has an empty port).
    public let portText: String?
    public let path: String
    public let query: String?
    public let fragment: String?

    /// Parses `text`, or returns nil when it has no scheme (a relative reference).
    public static func parse(_ text: String) -> RedirectURIComponents? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = String(text[..<colon])
        guard let first = scheme.unicodeScalars.first, first.isASCIILetter,
              scheme.unicodeScalars.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || $0 == "+" || $0 == "-" || $0 == "." })
        else { return nil }
        var rest = Substring(text[text.index(after: colon)...])

        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        var query: String?
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        var authority: String?
        var userinfo: String?
        var host: String?
        var port: Int?
        var portText: String?
        if rest.hasPrefix("//") {
            let afterSlashes = rest.dropFirst(2)
            let end = afterSlashes.firstIndex(of: "/") ?? afterSlashes.endIndex
            let authorityText = afterSlashes[..<end]
            authority = String(authorityText)
            rest = afterSlashes[end...]
            var hostPort = authorityText
            if let at = authorityText.lastIndex(of: "@") {
                userinfo = String(authorityText[..<at])
                hostPort = authorityText[authorityText.index(after: at)...]
            }
            if hostPort.hasPrefix("[") {
                guard let close = hostPort.firstIndex(of: "]") else { return nil }
                host = String(hostPort[...close])
                let after = hostPort[hostPort.index(after: close)...]
                if after.hasPrefix(":") { portText = String(after.dropFirst()) } else if !after.isEmpty { return nil }
            } else if let portColon = hostPort.lastIndex(of: ":") {
                host = String(hostPort[..<portColon])
                portText = String(hostPort[hostPort.index(after: portColon)...])
            } else {
                host = String(hostPort)
            }
            if let portText, !portText.isEmpty {
                guard portText.utf8.count <= 5, portText.unicodeScalars.allSatisfy(\.isASCIIDigit), let value = Int(portText), value <= 65535 else {
                    return RedirectURIComponents(scheme: scheme, authority: authority, userinfo: userinfo, host: host, port: -1,
                                                 portText: portText, path: String(rest), query: query, fragment: fragment)
                }
                port = value
            }
        }
        return RedirectURIComponents(scheme: scheme, authority: authority, userinfo: userinfo, host: host, port: port,
                                     portText: portText, path: String(rest), query: query, fragment: fragment)
    }

    public var lowercasedScheme: String { scheme.lowercased() }

    /// RFC 8252 §7.3 loopback hosts, plus `localhost` (§8.3 discourages it but clients such as
    /// Claude Code and Gemini CLI use it): `localhost`, any 127.0.0.0/8 dotted quad, and `[::1]`.
    /// `localhost.evil.com` is not loopback.
    public var isLoopbackHost: Bool {
        guard let host = host?.lowercased() else { return false }
        if host == "localhost" { return true }
        if host == "[::1]" || host == "[0:0:0:0:0:0:0:1]" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return false }
        var values: [Int] = []
        for octet in octets {
            guard !octet.isEmpty, octet.utf8.count <= 3, octet.unicodeScalars.allSatisfy(\.isASCIIDigit),
                  let value = Int(octet), value <= 255 else { return false }
            values.append(value)
        }
        return values[0] == 127
    }

    /// The URI as text with a different port (nil removes it); used to explain port mismatches.
    func withoutPort() -> String {
        var text = scheme + ":"
        if authority != nil {
            text += "//"
            if let userinfo { text += userinfo + "@" }
            text += host ?? ""
        }
        text += path
        if let query { text += "?" + query }
        if let fragment { text += "#" + fragment }
        return text
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A) }
    var isASCIIDigit: Bool { value >= 0x30 && value <= 0x39 }
}
