import HTTPServer

/// The chrome of every admin page: Gong-like sidebar, breadcrumb trail and heading, wrapped in
/// the server's one `HTMLDocument` (shared stylesheet and security headers). No JavaScript.
enum AdminLayout {
    /// The navigation entry a page belongs to; `none` for pages outside the sections (errors, 404, signed out).
    enum Section: String { case home, integrations, users, credits, flows, none }

    static func page(title: String, section: Section, crumbs: [(String, String?)], session: AdminSession?, body: String,
                     status: HTTPStatus = .ok) -> HTTPResponse {
        func link(_ target: Section, _ href: String, _ label: String) -> String {
            "<a href=\"\(href)\"\(target == section ? " aria-current=\"page\"" : "")>\(label)</a>"
        }
        var nav = "<nav class=\"side\" aria-label=\"Admin center\"><div class=\"logo\">gong · mock</div><div class=\"group\">Admin center</div>"
        nav += link(.home, "/admin", "Settings")
        nav += "<div class=\"group\">Ecosystem</div>" + link(.integrations, "/admin/settings/ecosystem/mcp", "MCP · MCP servers")
        nav += "<div class=\"group\">People</div>" + link(.users, "/admin/users", "Users")
        nav += "<div class=\"group\">Reports</div>" + link(.credits, "/admin/settings/credits", "Gong credits")
        nav += link(.flows, "/admin/flows", "Client flows")
        if let session {
            nav += "<form method=\"post\" action=\"/admin/logout\">\(csrfField(session))<button class=\"secondary\" type=\"submit\">Sign out</button></form>"
        }
        nav += "</nav>"
        // The trail names the ancestors; the heading below already names this page.
        let trail = crumbs.filter { $0.0 != title }.map { label, href in
            href.map { "<a href=\"\(HTML.escape($0))\">\(HTML.escape(label))</a>" } ?? HTML.escape(label)
        }.joined(separator: " › ")
        let crumbTrail = trail.isEmpty ? "" : "<nav class=\"crumbs\" aria-label=\"Breadcrumb\">\(trail)</nav>"
        let html = "<div class=\"shell\">\(nav)<main class=\"content\">\(crumbTrail)<h1>\(HTML.escape(title))</h1>\(body)</main></div>"
        return HTMLDocument.response(title: "\(title) · Gong admin center (mock)", body: html, status: status)
    }

    static func csrfField(_ session: AdminSession) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(HTML.escape(session.csrfToken))\">"
    }

    /// A POST button form (rotate, delete, …) carrying the CSRF token.
    static func postButton(_ action: String, _ label: String, session: AdminSession, style: String = "secondary") -> String {
        "<form method=\"post\" action=\"\(HTML.escape(action))\">\(csrfField(session))<button type=\"submit\" class=\"\(style)\">\(HTML.escape(label))</button></form>"
    }

    static func errorList(_ messages: [String]) -> String {
        guard !messages.isEmpty else { return "" }
        return "<div class=\"errors\" role=\"alert\"><strong>Please fix the following:</strong><ul>"
            + messages.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul></div>"
    }

    static func notice(_ text: String?) -> String {
        guard let text else { return "" }
        return "<div class=\"notice\" role=\"status\">\(HTML.escape(text))</div>"
    }
}
