/// An absolute URI split into its RFC 3986 §3 components, without normalising anything: the
/// OAuth layer compares redirect URIs byte for byte and needs the raw parts to explain mismatches.
///
/// Deliberately small (no Foundation `URL`): its behaviour on hostile input is easy to reason
/// about, and nothing here ever resolves relative references.
public struct URIReference: Sendable, Equatable {
    public var scheme: String
    /// Host without brackets for IPv6 literals (`::1`), as written (case preserved).
    public var host: String?
    public var port: Int?
    public var userInfo: String?
    public var path: String
    public var query: String?
    public var fragment: String?
    /// True when the URI has a `//authority` part.
    public var hasAuthority: Bool

    /// Parses an absolute URI; nil when there is no valid scheme or the authority is malformed.
    public init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = String(text[..<colon])
        guard let first = scheme.unicodeScalars.first, first.isASCIILetter,
              scheme.unicodeScalars.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || $0 == "+" || $0 == "-" || $0 == "." })
        else { return nil }
        guard !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else { return nil }
        self.scheme = scheme
        var rest = Substring(text[text.index(after: colon)...])
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        hasAuthority = rest.hasPrefix("//")
        if hasAuthority {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            var authority = rest[..<end]
            path = String(rest[end...])
            if let at = authority.lastIndex(of: "@") {
                userInfo = String(authority[..<at])
                authority = authority[authority.index(after: at)...]
            }
            if authority.hasPrefix("[") {
                guard let close = authority.firstIndex(of: "]") else { return nil }
                host = String(authority[authority.index(after: authority.startIndex)..<close])
                authority = authority[authority.index(after: close)...]
            } else {
                let portStart = authority.firstIndex(of: ":") ?? authority.endIndex
                host = String(authority[..<portStart])
                authority = authority[portStart...]
            }
            if authority.hasPrefix(":") {
                let digits = authority.dropFirst()
                if !digits.isEmpty {
                    guard digits.allSatisfy(\.isASCIIDigit), digits.count <= 5, let value = Int(digits), value <= 65535 else { return nil }
                    port = value
                }
            } else if !authority.isEmpty {
                return nil
            }
        } else {
            path = String(rest)
        }
    }

    /// Lowercased scheme.
    public var normalizedScheme: String { scheme.lowercased() }

    /// Lowercased host, nil when absent.
    public var normalizedHost: String? { host?.lowercased() }

    /// `localhost`, `127.0.0.1` (any 127/8 address) or `::1` (RFC 8252 §7.3 loopback redirects).
    public var isLoopback: Bool {
        guard let host = normalizedHost else { return false }
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// `host[:port]` for display ("the redirect goes to claude.ai").
    public var displayHost: String {
        guard let host else { return scheme + ":" }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return port.map { "\(shownHost):\($0)" } ?? shownHost
    }

    /// The URI rebuilt, optionally without the port (for loopback comparisons).
    public func rendered(includingPort: Bool = true) -> String {
        var text = scheme + ":"
        if hasAuthority {
            text += "//"
            if let userInfo { text += userInfo + "@" }
            if let host { text += host.contains(":") ? "[\(host)]" : host }
            if includingPort, let port { text += ":\(port)" }
        }
        text += path
        if let query { text += "?" + query }
        if let fragment { text += "#" + fragment }
        return text
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }
    fileprivate var isASCIIDigit: Bool { (0x30...0x39).contains(value) }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
