import HTTPServer

/// The chrome of every admin page: Gong-like sidebar and header, a small inline stylesheet, and
/// headers that keep the pages out of frames and caches. No JavaScript anywhere.
enum AdminLayout {
    enum Section: String { case home, integrations, users, credits }

    static let css = """
    *{box-sizing:border-box}body{margin:0;font:14px/1.45 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f1d2b;background:#f6f5fa;display:flex;min-height:100vh}
    nav.side{width:220px;background:#2b1a52;color:#e9e3f7;padding:18px 0;flex-shrink:0}nav.side .logo{font-weight:700;font-size:18px;padding:0 20px 16px;color:#fff}
    nav.side a{display:block;padding:8px 20px;color:#d9cff2;text-decoration:none}nav.side a.on,nav.side a:hover{background:#44297e;color:#fff}
    nav.side .group{padding:14px 20px 4px;font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:#a898cf}
    main{flex:1;padding:24px 36px;max-width:1100px}.crumbs{color:#6b6780;font-size:12px;margin-bottom:6px}.crumbs a{color:#6b6780}
    h1{font-size:22px;margin:0 0 16px}h2{font-size:16px;margin:24px 0 8px}.tabs{border-bottom:1px solid #ddd8ea;margin-bottom:18px}
    .tabs span{display:inline-block;padding:8px 14px;border-bottom:2px solid transparent;color:#6b6780}.tabs span.on{border-color:#7b3fe4;color:#1f1d2b;font-weight:600}
    .card{background:#fff;border:1px solid #e4e0ef;border-radius:8px;padding:18px 20px;margin-bottom:18px}
    table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #eeeaf6;vertical-align:top}
    th{font-size:12px;color:#6b6780;font-weight:600;background:#faf9fd}code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;word-break:break-all}
    .btn,button{display:inline-block;border:1px solid #7b3fe4;background:#7b3fe4;color:#fff;border-radius:6px;padding:7px 14px;font:inherit;font-weight:600;cursor:pointer;text-decoration:none}
    .btn.secondary,button.secondary{background:#fff;color:#7b3fe4}.btn.danger,button.danger{background:#c62f4a;border-color:#c62f4a}
    .actions form{display:inline}.actions a,.actions button{margin:0 4px 4px 0;padding:4px 10px;font-size:12px}
    label{font-weight:600;display:block;margin:14px 0 4px}.hint{color:#6b6780;font-size:12px;font-weight:400}input[type=text],input[type=number],textarea{width:100%;max-width:640px;padding:7px 9px;border:1px solid #cfc8e3;border-radius:6px;font:inherit}
    textarea{font-family:ui-monospace,Menlo,Consolas,monospace;min-height:110px}.choice{font-weight:400;display:block;margin:6px 0}.choice small{display:block;color:#6b6780;margin-left:22px}
    .important{border-left:4px solid #e0a100;background:#fff8e1;padding:8px 12px;margin:8px 0;max-width:640px}.errors{border-left:4px solid #c62f4a;background:#fdecef;padding:10px 14px;margin-bottom:16px}
    .notice{border-left:4px solid #2e9d5b;background:#e9f7ef;padding:10px 14px;margin-bottom:16px}.presets button{margin:4px 6px 4px 0;font-size:12px;padding:4px 10px}
    ul.clients{margin:4px 0 0 0;padding-left:18px;color:#4b475d;font-size:13px;max-width:640px}.big{font-size:28px;font-weight:700}
    """

    static func page(title: String, section: Section, crumbs: [(String, String?)], session: AdminSession?, body: String,
                     status: HTTPStatus = .ok) -> HTTPResponse {
        func link(_ target: Section, _ href: String, _ label: String) -> String {
            "<a href=\"\(href)\"\(target == section ? " class=\"on\"" : "")>\(label)</a>"
        }
        var nav = "<nav class=\"side\"><div class=\"logo\">gong · mock</div><div class=\"group\">Admin center</div>"
        nav += link(.home, "/admin", "Settings")
        nav += "<div class=\"group\">Ecosystem</div>" + link(.integrations, "/admin/settings/ecosystem/mcp", "MCP · MCP servers")
        nav += "<div class=\"group\">People</div>" + link(.users, "/admin/users", "Users")
        nav += "<div class=\"group\">Reports</div>" + link(.credits, "/admin/settings/credits", "Gong credits")
        if let session {
            nav += "<form method=\"post\" action=\"/admin/logout\" style=\"padding:16px 20px\">\(csrfField(session))<button class=\"secondary\" type=\"submit\">Sign out</button></form>"
        }
        nav += "</nav>"
        let trail = crumbs.map { label, href in
            href.map { "<a href=\"\(HTML.escape($0))\">\(HTML.escape(label))</a>" } ?? HTML.escape(label)
        }.joined(separator: " › ")
        let html = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>\(HTML.escape(title)) · Gong admin center (mock)</title><style>\(css)</style></head>
        <body>\(nav)<main><div class="crumbs">\(trail)</div><h1>\(HTML.escape(title))</h1>\(body)</main></body></html>
        """
        return .html(html, status: status, headers: securityHeaders)
    }

    static var securityHeaders: HTTPHeaders {
        [
            "Cache-Control": "no-store",
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            "X-Frame-Options": "DENY",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        ]
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
