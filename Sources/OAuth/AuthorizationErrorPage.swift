import HTTPServer

/// The page shown instead of a redirect when the client or redirect URI cannot be trusted
/// (RFC 6749 §4.1.2.1: "MUST NOT automatically redirect the user-agent to the invalid
/// redirection URI"). It states the rule that failed, each fact once, so a client developer can
/// fix it: what was refused, the values involved as fields (for a redirect mismatch those of its
/// `RedirectMismatch`: requested, registered, closest and how it differs, the rule), and at most
/// one hint.
struct AuthorizationErrorPage {
    var title = "Authorization request refused"
    var explanation: String
    var details: [(label: String, value: String)]
    var mismatch: RedirectMismatch? = nil
    var brand: String

    func render() -> HTTPResponse {
        // A mismatch's full text repeats every field; the page says what happened and lists the rest.
        let statement = mismatch.map { "This redirect URI is not registered for \($0.owner)." } ?? explanation
        var body = "<h1>\(HTML.escape(title))</h1>"
        body += "<div class=\"alert\" role=\"alert\"><p id=\"explanation\">\(HTML.escape(statement))</p></div>"
        // A value the statement already names is not listed again.
        var fields = details.filter { !statement.contains($0.value) }.map { (label: $0.label, value: HTML.escape($0.value), mono: Self.isProtocolValue($0.label)) }
        if let mismatch { fields += Self.fields(for: mismatch) }
        if !fields.isEmpty {
            body += "<section class=\"card\" aria-labelledby=\"details-heading\"><h2 id=\"details-heading\">The request</h2><dl class=\"fields\" id=\"details\">"
            for field in fields {
                body += "<dt>\(HTML.escape(field.label))</dt><dd>\(field.mono ? "<code>\(field.value)</code>" : field.value)</dd>"
            }
            body += "</dl></section>"
        }
        if let hint = mismatch?.hint {
            body += "<section class=\"card\" aria-labelledby=\"hint-heading\"><h2 id=\"hint-heading\">How to fix it</h2>"
            body += "<p id=\"hint\" data-rule=\"\(HTML.escape(hint.rule))\">\(HTML.escape(hint.text))</p></section>"
        }
        body += "<p class=\"hint\">Your browser was not sent back to the client, because the request could not be trusted with the answer (RFC 6749 §4.1.2.1).</p>"
        return HTML.page(title: title, brand: brand, body: body, status: .badRequest)
    }

    /// `client_id`, `redirect_uri`: protocol values, shown as code.
    static func isProtocolValue(_ label: String) -> Bool { label.contains("_") || label.lowercased().contains("uri") }

    /// Requested, registered (the closest one marked with how it differs, also when it is the only
    /// one), what else is admitted, and the rule; values are escaped markup.
    static func fields(for mismatch: RedirectMismatch) -> [(label: String, value: String, mono: Bool)] {
        var fields: [(label: String, value: String, mono: Bool)] = [("Requested redirect URI", HTML.escape(mismatch.requested), true)]
        if mismatch.registered.isEmpty {
            fields.append(("Registered", "none", false))
        } else {
            var list = "<ul id=\"registered\">"
            for uri in mismatch.registered {
                list += "<li><code>\(HTML.escape(uri))</code>"
                if uri == mismatch.closest {
                    let differs = mismatch.differenceSummary.map { ": differs in \(HTML.escape($0))" } ?? ""
                    list += " <strong class=\"tag\" id=\"closest\">closest\(differs)</strong>"
                }
                list += "</li>"
            }
            fields.append(("Registered", list + "</ul>", false))
        }
        if let alsoAdmitted = mismatch.alsoAdmitted { fields.append(("Also admitted", HTML.escape(alsoAdmitted), false)) }
        fields.append(("Rule", HTML.escape(RedirectMismatch.rule), false))
        return fields
    }
}
