import HTTPServer

/// HTML for the pages a person meets in the middle of a client's flow (sign-in and consent,
/// refusals), in the server's one look (`HTMLDocument`, `HTMLStylesheet`). Every string placed in
/// a page goes through `escape` (HTML Living Standard §13.1.2.6), including attribute values,
/// so client names and redirect URIs from registrations cannot inject markup.
enum HTML {
    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// A top bar naming the service, then one narrow column; `body` must be escaped markup.
    /// `formActionSelf` is off for the consent form, whose answer redirects to the client.
    static func page(title: String, brand: String, body: String, status: HTTPStatus, formActionSelf: Bool = true) -> HTTPResponse {
        let html = "<header class=\"top\"><span class=\"logo\">\(escape(brand))</span></header><main class=\"narrow\">\(body)</main>"
        return HTMLDocument.response(title: "\(title) · \(brand)", body: html, status: status, formActionSelf: formActionSelf)
    }

    /// `<dl class="fields">` of label/value pairs; values in `code` when `mono`.
    static func fields(_ pairs: [(label: String, value: String)], id: String? = nil, mono: Set<String> = []) -> String {
        var html = "<dl class=\"fields\"\(id.map { " id=\"\(escape($0))\"" } ?? "")>"
        for pair in pairs {
            let value = mono.contains(pair.label) ? "<code>\(escape(pair.value))</code>" : escape(pair.value)
            html += "<dt>\(escape(pair.label))</dt><dd>\(value)</dd>"
        }
        return html + "</dl>"
    }
}
