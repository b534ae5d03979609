import Essentials
import HTTPServer

/// Redacts every secret a journaled exchange can carry before it leaves the process (JSONL, HAR,
/// the flow page, `--journal FILE`): client secrets, access/refresh/ID tokens, codes, verifiers,
/// cookies, admin and login tokens, consent transactions and CSRF tokens. Each shows as
/// `Redact.prefixed`: a short prefix and the length (`eyJhbG…(812)`). Form and JSON bodies keep
/// their structure with the secret fields redacted; HTML (the admin pages show secrets) and
/// other binary bodies are left out, with their length.
public enum JournalRedaction {
    /// Parameter and JSON member names whose values are secrets, lowercased.
    static let secretNames: Set<String> = [
        "code", "code_verifier", "client_secret", "access_token", "refresh_token", "id_token", "token", "password",
        "registration_access_token", "transaction", "csrf", "csrf_token", "client_assertion", "assertion", "subject_token",
    ]

    /// True for names that hold secrets: the list above, and anything ending in `secret` or
    /// `token` (`clientSecret`, `adminToken`), except `token_type`-style descriptors.
    public static func isSecretName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        if secretNames.contains(lowered) { return true }
        return lowered.hasSuffix("secret") || lowered.hasSuffix("token")
    }

    /// Headers with credential values redacted (the auth scheme stays readable).
    public static func headers(_ headers: HTTPHeaders) -> [(name: String, value: String)] {
        headers.map { field in (field.name, headerValue(name: field.name, value: field.value)) }
    }

    static func headerValue(name: String, value: String) -> String {
        switch name.lowercased() {
        case "authorization", "proxy-authorization":
            let parts = value.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { return Redact.prefixed(value) }
            return "\(parts[0]) \(Redact.prefixed(String(parts[1]).trimmingHTTPWhitespace()))"
        case "cookie":
            return value.split(separator: ";").map { cookie(String($0).trimmingHTTPWhitespace()) }.joined(separator: "; ")
        case "set-cookie":
            let pieces = value.split(separator: ";", maxSplits: 1)
            let rest = pieces.count > 1 ? ";" + pieces[1] : ""
            return cookie(String(pieces.first ?? "")) + rest
        case "location", "content-location":
            guard let mark = value.firstIndex(of: "?") else { return value }
            return String(value[...mark]) + query(String(value[value.index(after: mark)...]))
        default:
            return isSecretName(name) ? Redact.prefixed(value) : value
        }
    }

    private static func cookie(_ pair: String) -> String {
        guard let equals = pair.firstIndex(of: "=") else { return Redact.prefixed(pair) }
        return String(pair[...equals]) + Redact.prefixed(String(pair[pair.index(after: equals)...]))
    }

    /// A query string (or form body) with secret parameter values redacted; other parameters
    /// are re-encoded as they were parsed.
    public static func query(_ query: String) -> String {
        URLEncodedForm.encode(URLEncodedForm.parse(query).map { item in
            (item.name, isSecretName(item.name) ? Redact.prefixed(item.value) : item.value)
        })
    }

    /// Parameters with secret values redacted.
    public static func parameters(_ items: [(name: String, value: String)]) -> [(name: String, value: String)] {
        items.map { ($0.name, isSecretName($0.name) ? Redact.prefixed($0.value) : $0.value) }
    }

    /// The body as text safe to show, or nil when it is left out (HTML, binary, streamed).
    public static func body(_ message: JournalMessage) -> String? {
        guard !message.body.isEmpty else { return (message.bodyLength ?? 1) == 0 ? "" : nil }
        switch message.mediaType ?? "" {
        case "application/x-www-form-urlencoded":
            return query(String(decoding: message.body, as: UTF8.self))
        case let type where type == "application/json" || type.hasSuffix("+json"):
            return String(decoding: JSONSecretScanner.redact(message.body), as: UTF8.self)
        case "text/event-stream":
            // Events carry JSON-RPC messages; their secret-named members are redacted like JSON.
            return String(decoding: JSONSecretScanner.redact(message.body), as: UTF8.self)
        case "text/plain":
            return String(decoding: message.body, as: UTF8.self)
        default:
            return nil
        }
    }
}
