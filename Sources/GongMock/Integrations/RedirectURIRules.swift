import OAuth

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
    /// list is `registered`. `owner` names the integration or client in words (`integration 'CI'`).
    public static func match(_ requested: String, registered: [String], chatGPTDynamic: Bool, owner: String) -> RedirectURIDecision {
        if registered.contains(requested) {
            return RedirectURIDecision(requested: requested, basis: .exactMatch, registeredURI: requested,
                                       explanation: "redirect_uri \(requested) is registered for \(owner) (exact match).")
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
                                       explanation: "redirect_uri \(requested) is admitted by the ChatGPT dynamic-redirect rule of \(owner).")
        }
        let mismatch = RedirectMismatch(
            requested: requested, owner: owner, registered: registered,
            alsoAdmitted: chatGPTDynamic ? "ChatGPT dynamic redirects \(chatGPTDynamicPrefix){callback_id} and \(chatGPTLegacyRedirect)" : nil,
            hintRules: hintRules(chatGPTDynamic: chatGPTDynamic))
        return RedirectURIDecision(mismatch: mismatch)
    }

    /// The decisions for each redirect URI a client asks to register (RFC 7591 §2) under an
    /// AUTOMATIC integration. All must be allowed for the registration to succeed.
    public static func registrationDecisions(_ requested: [String], registered: [String], chatGPTDynamic: Bool, owner: String) -> [RedirectURIDecision] {
        requested.map { uri in
            if let rejection = validate(uri) {
                return RedirectURIDecision(requested: uri, basis: .refused, registeredURI: nil, explanation: rejection.message)
            }
            return match(uri, registered: registered, chatGPTDynamic: chatGPTDynamic, owner: owner)
        }
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
