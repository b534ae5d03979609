/// The page shown instead of a redirect when the client or redirect URI cannot be trusted
/// (RFC 6749 §4.1.2.1: "MUST NOT automatically redirect the user-agent to the invalid
/// redirection URI"). It states the rule that failed so a client developer can fix it.
struct AuthorizationErrorPage {
    var title: String
    var explanation: String
    var details: [(label: String, value: String)]

    func render() -> String {
        var body = "<h1>\(HTML.escape(title))</h1>\n"
        body += "<p class=\"error\" id=\"explanation\">\(HTML.escape(explanation))</p>\n"
        if !details.isEmpty {
            body += "<dl>\n"
            for detail in details { body += "<dt>\(HTML.escape(detail.label))</dt><dd>\(HTML.escape(detail.value))</dd>\n" }
            body += "</dl>\n"
        }
        body += "<p class=\"note\">The browser was not redirected back to the client because the request could not be trusted (RFC 6749 §4.1.2.1).</p>\n"
        return HTML.page(title: title, body: body)
    }
}
