/// A complete HTML page (HTML Living Standard §4.1) carrying the shared `HTMLStylesheet`: every
/// server-rendered page goes through here, so the admin center and the OAuth pages look the same.
public enum HTMLDocument {
    /// `title` is text (escaped here); `body` is markup whose dynamic parts the caller escaped.
    public static func render(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <meta name="referrer" content="no-referrer"><title>\(HTMLText.escape(title))</title><style>\(HTMLStylesheet.css)</style></head>
        <body>\(body)</body></html>
        """
    }

    /// A page response with the headers every page gets: not cached, not framed, not sniffed, no
    /// referrer, and a Content-Security-Policy (CSP Level 3) allowing only the inline stylesheet.
    /// `formActionSelf` also limits form targets to this origin; leave it off for a form whose
    /// answer redirects to another origin (Chromium applies `form-action` to that redirect).
    public static func response(title: String, body: String, status: HTTPStatus = .ok, formActionSelf: Bool = true) -> HTTPResponse {
        let formAction = formActionSelf ? " form-action 'self';" : ""
        let headers: HTTPHeaders = [
            "Cache-Control": "no-store",
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline';\(formAction) frame-ancestors 'none'; base-uri 'none'",
            "X-Frame-Options": "DENY",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        ]
        return .html(render(title: title, body: body), status: status, headers: headers)
    }
}
