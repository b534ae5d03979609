import HTTPServer

/// The page shown instead of a redirect when the client or redirect URI cannot be trusted
/// (RFC 6749 §4.1.2.1: "MUST NOT automatically redirect the user-agent to the invalid
/// redirection URI"). It states the rule that failed, each fact once, so a client developer can
/// fix it: the explanation, the values involved as fields, and at most one hint.
struct AuthorizationErrorPage {
    var title = "Authorization request refused"
    var explanation: String
    var details: [(label: String, value: String)]
    var hint: String? = nil
    var brand: String

    func render() -> HTTPResponse {
        var body = "<h1>\(HTML.escape(title))</h1>"
        body += "<div class=\"alert\" role=\"alert\"><p id=\"explanation\">\(HTML.escape(explanation))</p></div>"
        if !details.isEmpty {
            let mono = Set(details.map(\.label).filter { $0.contains("_") || $0.lowercased().contains("uri") })
            body += "<section class=\"card\" aria-labelledby=\"details-heading\"><h2 id=\"details-heading\">The request</h2>"
            body += HTML.fields(details, id: "details", mono: mono) + "</section>"
        }
        if let hint {
            body += "<section class=\"card\" aria-labelledby=\"hint-heading\"><h2 id=\"hint-heading\">How to fix it</h2><p id=\"hint\">\(HTML.escape(hint))</p></section>"
        }
        body += "<p class=\"hint\">Your browser was not sent back to the client, because the request could not be trusted with the answer (RFC 6749 §4.1.2.1).</p>"
        return HTML.page(title: title, brand: brand, body: body, status: .badRequest)
    }
}
