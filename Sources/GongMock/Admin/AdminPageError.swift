import HTTPServer

/// A refusal of an admin page, rendered as an HTML page that says what happened and what to do.
struct AdminPageError: HTTPResponseError {
    let status: HTTPStatus
    let title: String
    let explanation: String

    static let signInRequired = AdminPageError(
        status: .unauthorized, title: "Sign in required",
        explanation: "Open the one-time admin login link printed in gong-mock's start-up banner (/admin/login?token=…). Each link works once; your browser then keeps a session cookie.")
    static let loginTokenRejected = AdminPageError(
        status: .forbidden, title: "This login link cannot be used",
        explanation: "The login token is unknown or was already used: each one-time login link works once. Use the session you opened with it, or restart gong-mock (or ask the test controls) for a new link.")
    static let csrfRejected = AdminPageError(
        status: .forbidden, title: "Form expired or forged",
        explanation: "This form's security token is missing or does not belong to your session (CSRF protection), so nothing was changed. Go back, reload the page, and submit it again.")

    static func notFound(_ what: String) -> AdminPageError {
        AdminPageError(status: .notFound, title: "Not found", explanation: what)
    }

    func response() -> HTTPResponse {
        AdminLayout.page(title: title, section: .none, crumbs: [("Admin center", "/admin")], session: nil,
                         body: "<div class=\"card\"><p>\(HTML.escape(explanation))</p></div>", status: status)
    }
}
