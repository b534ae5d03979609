/// Every redirect-URI rule of the mock, in one place (issue #3 §3).
///
/// **Registration** (admin form, admin API, seed file, and DCR under an AUTOMATIC integration):
/// lines are trimmed, blank lines ignored, duplicates dropped (first kept). Each URI must be
/// absolute (RFC 6749 §3.1.2); `https`, or `http` only for a loopback host — `localhost`, any
/// 127.0.0.0/8 address, `[::1]` (RFC 8252 §7.3, §8.3); no fragment (RFC 6749 §3.1.2); no
/// wildcard `*`; no userinfo; no spaces or control characters; at most 2048 characters.
/// Private-use schemes for native apps (`cursor://anysphere.cursor-mcp/oauth/callback`,
/// `com.example.app:/cb`, RFC 8252 §7.1) are allowed; `javascript:`, `data:`, `file:`,
/// `vbscript:`, `about:`, `blob:` and `urn:` (incl. the retired out-of-band URN) are not.
/// At least one URI is needed unless the ChatGPT dynamic rule is enabled.
///
/// **Matching at authorize time**: the requested `redirect_uri` must equal a registered one
/// character for character (OAuth 2.1 §4.1.3 — no case folding, no trailing-slash or default-port
/// normalisation). One relaxation, RFC 8252 §7.3: when the registered URI is `http` on a loopback
/// host, a request that differs only in the port (or adds one) matches, because native apps bind
/// an ephemeral port.
///
/// **ChatGPT (dynamic)**: Gong says "ChatGPT assigns the redirect URI dynamically during the OAuth
/// flow. No static redirect URI is required." An integration admits ChatGPT only when its
/// `chatGPTDynamicRedirect` flag is on (admin form checkbox "ChatGPT (dynamic redirect)", API
/// member `chatGPTDynamicRedirect`, seed key `chatGPTDynamicRedirect`). The flag admits exactly
/// `https://chatgpt.com/connector/oauth/{callback_id}` where `{callback_id}` matches
/// `[A-Za-z0-9_-]{1,64}` (no trailing slash, query or fragment), and the legacy
/// `https://chatgpt.com/connector_platform_oauth_redirect`. No other chatgpt.com path, host or
/// scheme. With the flag on, the redirect-URI list may be empty.
///
/// **AUTOMATIC registration** (RFC 7591 DCR under an AUTOMATIC integration): every
/// `redirect_uris` entry of the registration request must pass the registration rules above
/// and be admitted by the integration's own list with the same matching (exact, loopback any
/// port, ChatGPT dynamic when enabled). At authorize time the registered client's own
/// `redirect_uris` are matched exactly (plus loopback any port).
public enum RedirectURIRules {
    public static let maximumLength = 2048

    /// The legacy ChatGPT connector callback.
    public static let chatGPTLegacyRedirect = "https://chatgpt.com/connector_platform_oauth_redirect"
    /// The per-connector ChatGPT callback prefix; the id follows.
    public static let chatGPTDynamicPrefix = "https://chatgpt.com/connector/oauth/"
    public static let claudeCallbacks = ["https://claude.ai/api/mcp/auth_callback", "https://claude.com/api/mcp/auth_callback"]

    private static let forbiddenSchemes: Set<String> = ["javascript", "data", "file", "vbscript", "about", "blob", "urn"]
    /// Registered network schemes that are neither http(s) nor a native app's private-use scheme:
    /// no browser or app ever follows an authorization redirect to them.
    private static let networkSchemes: Set<String> = ["ftp", "ftps", "sftp", "ws", "wss", "ssh", "telnet", "ldap", "ldaps",
                                                      "gopher", "mailto", "tel", "sms", "news", "nntp", "irc", "smb", "nfs", "git"]

    // MARK: Registration

    /// Splits a textarea ("one URL per line") into lines, then applies `normalize(_:)`.
    public static func normalize(text: String) -> (uris: [String], rejections: [RedirectURIRejection]) {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        return normalize(lines.map(String.init))
    }

    /// Trims, drops blanks and duplicates, and validates each URI.
    public static func normalize(_ lines: [String]) -> (uris: [String], rejections: [RedirectURIRejection]) {
        var uris: [String] = []
        var seen = Set<String>()
        var rejections: [RedirectURIRejection] = []
        for line in lines {
            let trimmed = trim(line)
            guard !trimmed.isEmpty, seen.insert(trimmed).inserted else { continue }
            if let rejection = validate(trimmed) { rejections.append(rejection) } else { uris.append(trimmed) }
        }
        return (uris, rejections)
    }

    /// Why `uri` cannot be registered, or nil when it can.
    public static func validate(_ uri: String) -> RedirectURIRejection? {
        if uri.utf8.count > maximumLength { return RedirectURIRejection(uri: String(uri.prefix(80)) + "…", rule: .maximumLength) }
        if uri.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) {
            return RedirectURIRejection(uri: uri, rule: .noWhitespace)
        }
        guard let parts = RedirectURIComponents.parse(uri) else {
            return RedirectURIRejection(uri: uri, rule: .absoluteURI, detail: uri.hasPrefix("/") || uri.hasPrefix(".") ? "this is a relative reference" : "no scheme")
        }
        if uri.contains("*") { return RedirectURIRejection(uri: uri, rule: .noWildcard) }
        if parts.fragment != nil { return RedirectURIRejection(uri: uri, rule: .noFragment) }
        if parts.userinfo != nil { return RedirectURIRejection(uri: uri, rule: .noUserinfo) }
        if let port = parts.port, port < 0 {
            return RedirectURIRejection(uri: uri, rule: .validPort, detail: "got '\(parts.portText ?? "")'")
        }
        let scheme = parts.lowercasedScheme
        switch scheme {
        case "https", "http":
            guard parts.authority != nil, let host = parts.host, !host.isEmpty else {
                return RedirectURIRejection(uri: uri, rule: .hostRequired)
            }
            if scheme == "http", !parts.isLoopbackHost {
                return RedirectURIRejection(uri: uri, rule: .httpsOrLoopback, detail: "'\(host)' is not a loopback host")
            }
        default:
            if forbiddenSchemes.contains(scheme) {
                return RedirectURIRejection(uri: uri, rule: .allowedScheme, detail: "scheme '\(parts.scheme)'")
            }
            if networkSchemes.contains(scheme) {
                return RedirectURIRejection(uri: uri, rule: .webScheme, detail: "\"\(uri)\" is not an http(s) URL")
            }
            if parts.path.isEmpty, parts.authority == nil {
                return RedirectURIRejection(uri: uri, rule: .absoluteURI, detail: "nothing after '\(parts.scheme):'")
            }
        }
        return nil
    }

    // MARK: ChatGPT

    /// Whether `uri` is one ChatGPT's dynamic rule admits (see the type's documentation).
    public static func isChatGPTDynamicRedirect(_ uri: String) -> Bool {
        if uri == chatGPTLegacyRedirect { return true }
        guard uri.hasPrefix(chatGPTDynamicPrefix) else { return false }
        let id = uri.utf8.dropFirst(chatGPTDynamicPrefix.utf8.count)
        guard (1...64).contains(id.count) else { return false }
        return id.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F
        }
    }

    static func looksLikeChatGPT(_ uri: String) -> Bool {
        guard let parts = RedirectURIComponents.parse(uri), let host = parts.host?.lowercased() else { return false }
        return host == "chatgpt.com" || host.hasSuffix(".chatgpt.com") || host == "chat.openai.com"
    }

    // MARK: Matching

    /// Decides whether `requested` may be used as the redirect_uri of a client whose registered
    /// list is `registered`. `ownerName` names the integration (or registered client) in the explanation.
    public static func match(_ requested: String, registered: [String], chatGPTDynamic: Bool, ownerName: String) -> RedirectURIDecision {
        if registered.contains(requested) {
            return RedirectURIDecision(requested: requested, basis: .exactMatch, registeredURI: requested,
                                       explanation: "redirect_uri \(requested) is registered for '\(ownerName)' (exact match).")
        }
        if let parts = RedirectURIComponents.parse(requested), parts.lowercasedScheme == "http", parts.isLoopbackHost,
           parts.fragment == nil, parts.userinfo == nil, (parts.port ?? 0) >= 0 {
            for candidate in registered {
                guard let registeredParts = RedirectURIComponents.parse(candidate), registeredParts.lowercasedScheme == "http",
                      registeredParts.isLoopbackHost else { continue }
                if registeredParts.withoutPort() == parts.withoutPort() {
                    return RedirectURIDecision(requested: requested, basis: .loopbackAnyPort, registeredURI: candidate,
                                               explanation: "redirect_uri \(requested) matches the registered loopback URI \(candidate) with any port allowed (RFC 8252 §7.3).")
                }
            }
        }
        if chatGPTDynamic, isChatGPTDynamicRedirect(requested) {
            return RedirectURIDecision(requested: requested, basis: .chatGPTDynamic, registeredURI: nil,
                                       explanation: "redirect_uri \(requested) is admitted by the ChatGPT dynamic-redirect rule of '\(ownerName)'.")
        }
        let closest = closestURI(to: requested, in: registered)
        let listed = registered.isEmpty ? "none" : registered.joined(separator: ", ")
        var explanation = "redirect_uri \(requested) is not registered for integration '\(ownerName)'; registered: \(listed)."
        if chatGPTDynamic { explanation += " ChatGPT dynamic redirects (\(chatGPTDynamicPrefix){callback_id}) are also admitted." }
        let hint = mismatchHint(requested: requested, registered: registered, closest: closest, chatGPTDynamic: chatGPTDynamic)
        if let hint { explanation += " " + hint }
        return RedirectURIDecision(requested: requested, basis: .refused, registeredURI: closest, explanation: explanation, hint: hint)
    }

    /// The decisions for each redirect URI a client asks to register (RFC 7591 §2) under an
    /// AUTOMATIC integration. All must be allowed for the registration to succeed.
    public static func registrationDecisions(_ requested: [String], registered: [String], chatGPTDynamic: Bool, ownerName: String) -> [RedirectURIDecision] {
        requested.map { uri in
            if let rejection = validate(uri) {
                return RedirectURIDecision(requested: uri, basis: .refused, registeredURI: nil, explanation: rejection.message)
            }
            return match(uri, registered: registered, chatGPTDynamic: chatGPTDynamic, ownerName: ownerName)
        }
    }

    // MARK: Explanations

    static func mismatchHint(requested: String, registered: [String], closest: String?, chatGPTDynamic: Bool) -> String? {
        if let index = claudeCallbacks.firstIndex(of: requested), registered.contains(claudeCallbacks[1 - index]) {
            return "Claude uses both the claude.ai and claude.com callbacks."
        }
        if looksLikeChatGPT(requested) {
            if chatGPTDynamic {
                return "ChatGPT callbacks must be exactly \(chatGPTDynamicPrefix){callback_id} ({callback_id}: 1-64 of A-Z a-z 0-9 _ -) or \(chatGPTLegacyRedirect)."
            }
            return "ChatGPT assigns its redirect URI dynamically: enable \"ChatGPT (dynamic redirect)\" on the integration."
        }
        guard let closest else { return nil }
        if requested + "/" == closest || closest + "/" == requested {
            return "The closest registered URI, \(closest), differs only by a trailing slash; redirect URIs are compared exactly."
        }
        if requested.lowercased() == closest.lowercased() {
            return "The closest registered URI, \(closest), differs only in letter case; redirect URIs are compared exactly (case-sensitive)."
        }
        if let requestedParts = RedirectURIComponents.parse(requested), let closestParts = RedirectURIComponents.parse(closest) {
            let requestedScheme = requestedParts.lowercasedScheme, closestScheme = closestParts.lowercasedScheme
            if requestedScheme != closestScheme, ["http", "https"].contains(requestedScheme), ["http", "https"].contains(closestScheme),
               requested.dropFirst(requestedParts.scheme.count) == closest.dropFirst(closestParts.scheme.count) {
                return "The closest registered URI, \(closest), differs only in the scheme (http vs https)."
            }
            if requestedParts.withoutPort() == closestParts.withoutPort(), requestedParts.port != closestParts.port {
                return "The closest registered URI, \(closest), differs only in the port; any port is accepted only for http loopback redirect URIs (RFC 8252 §7.3)."
            }
            if requestedParts.query != closestParts.query,
               requested.split(separator: "?", maxSplits: 1).first == closest.split(separator: "?", maxSplits: 1).first {
                return "The closest registered URI, \(closest), differs only in the query; redirect URIs are compared exactly, query included."
            }
        }
        return registered.count > 1 ? "Closest registered URI: \(closest)." : nil
    }

    /// The registered URI with the smallest edit distance to `requested`.
    static func closestURI(to requested: String, in registered: [String]) -> String? {
        registered.min { editDistance(requested, $0) < editDistance(requested, $1) }
    }

    /// Levenshtein distance over UTF-8 bytes, bounded so hostile input stays cheap.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.utf8.prefix(512)), b = Array(rhs.utf8.prefix(512))
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Trims spaces, tabs and stray carriage returns around a pasted line.
    static func trim(_ text: String) -> String {
        var scalars = Substring(text)
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\u{00A0}" }
        while let first = scalars.first, isSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, isSpace(last) { scalars.removeLast() }
        return String(scalars)
    }
}
