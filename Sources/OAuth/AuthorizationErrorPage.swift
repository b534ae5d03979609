/// The page shown instead of a redirect when the client or redirect URI cannot be trusted
/// (RFC 6749 §4.1.2.1: "MUST NOT automatically redirect the user-agent to the invalid
/// redirection URI"). It states the rule that failed so a client developer can fix it; a
/// redirect mismatch shows each fact of its `RedirectMismatch` once, as fields.
struct AuthorizationErrorPage {
    var title: String
    var explanation: String
    var details: [(label: String, value: String)]
    var mismatch: RedirectMismatch? = nil

    func render() -> String {
        var body = "<h1>\(HTML.escape(title))</h1>\n"
        var rows = details
        if let mismatch {
            body += "<p class=\"error\" id=\"explanation\">\(HTML.escape(mismatch.summary))</p>\n"
            rows += Self.rows(for: mismatch)
        } else {
            body += "<p class=\"error\" id=\"explanation\">\(HTML.escape(explanation))</p>\n"
        }
        if !rows.isEmpty {
            body += "<dl>\n"
            for row in rows { body += "<dt>\(HTML.escape(row.label))</dt><dd>\(HTML.escape(row.value))</dd>\n" }
            body += "</dl>\n"
        }
        body += "<p class=\"note\">The browser was not redirected back to the client because the request could not be trusted (RFC 6749 §4.1.2.1).</p>\n"
        return HTML.page(title: title, body: body)
    }

    static func rows(for mismatch: RedirectMismatch) -> [(label: String, value: String)] {
        var rows: [(label: String, value: String)] = [("Requested redirect URI", mismatch.requested)]
        rows.append(("Registered", mismatch.registered.isEmpty ? "none" : mismatch.registered.joined(separator: "\n")))
        if let alsoAdmitted = mismatch.alsoAdmitted { rows.append(("Also admitted", alsoAdmitted)) }
        if let closest = mismatch.closest, mismatch.registered.count > 1 { rows.append(("Closest registered", closest)) }
        if let differs = mismatch.differenceSummary { rows.append(("Differs in", differs)) }
        rows.append(("Rule", "Redirect URIs must match exactly; only an http loopback URI may use another port (RFC 8252 §7.3)."))
        if let hint = mismatch.hint { rows.append(("Hint", hint.text)) }
        return rows
    }
}
