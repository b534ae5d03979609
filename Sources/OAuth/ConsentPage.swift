import HTTPServer

/// The server-rendered sign-in and consent page (no JavaScript), each fact once: the client and
/// its attributes, the requested scopes with what each unlocks, who is signing in (and who cannot
/// connect, and why), where the browser goes next (the redirect host, as the CIMD draft §6 asks),
/// then Approve or Deny. Posts back a signed transaction.
struct ConsentPage {
    struct Scope {
        var name: String
        var description: String?
        var unlocks: [String]?
    }

    var brand: String
    var clientName: String
    var clientID: String
    var clientKind: OAuthClient.Kind
    var displayAttributes: [(label: String, value: String)]
    var scopes: [Scope]
    var redirectURI: String
    var redirectHost: String
    var users: [OAuthSubject]
    var transaction: String
    var formAction: String
    var errorMessage: String?
    var typedEmail: String = ""

    func render(status: HTTPStatus) -> HTTPResponse {
        let title = "Sign in to connect \(clientName)"
        var body = "<h1>\(HTML.escape(title))</h1>"
        body += "<p class=\"lead\">This client asks for access to your data. Check what it is and what it may do, choose who is signing in, then approve or deny.</p>"
        if let errorMessage {
            body += "<div class=\"alert\" role=\"alert\"><p id=\"consent-error\">\(HTML.escape(errorMessage))</p></div>"
        }
        body += section("client", "The client", HTML.fields(clientFields, id: "client", mono: ["Client ID"]))
        body += section("permissions", "What it may do", scopeList)
        body += "<form method=\"post\" action=\"\(HTML.escape(formAction))\" class=\"card\" aria-labelledby=\"who-heading\">"
        body += "<h2 id=\"who-heading\">Who is signing in?</h2>"
        body += "<input type=\"hidden\" name=\"transaction\" value=\"\(HTML.escape(transaction))\">" + userPicker + blockedUsers
        body += "<h2 id=\"next-heading\">Where your browser goes next</h2>"
        body += "<p id=\"redirect\">To <strong>\(HTML.escape(redirectHost))</strong>, at <code>\(HTML.escape(redirectURI))</code>, with the answer: a code if you approve, <code>access_denied</code> if you deny.</p>"
        body += "<div class=\"buttons\"><button type=\"submit\" name=\"decision\" value=\"approve\" id=\"approve\">Approve</button>"
        body += "<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\" class=\"secondary\">Deny</button></div></form>"
        return HTML.page(title: title, brand: brand, body: body, status: status, formActionSelf: false)
    }

    /// The client ID and the attributes the policy shows, without repeating the client's name;
    /// the registration kind only when the policy says nothing about the registration.
    var clientFields: [(label: String, value: String)] {
        var fields: [(label: String, value: String)] = [("Client ID", clientID)]
        fields += displayAttributes.filter { $0.value != clientName }
        if !displayAttributes.contains(where: { $0.label.lowercased().contains("registration") }) {
            fields.append(("Registration", clientKind.rawValue))
        }
        return fields
    }

    var scopeList: String {
        var html = "<ul class=\"plain\" id=\"scopes\">"
        for scope in scopes {
            html += "<li><code>\(HTML.escape(scope.name))</code>"
            if let description = scope.description { html += " <strong>\(HTML.escape(description))</strong>" }
            if let unlocks = scope.unlocks {
                let names = unlocks.map { "<code>\(HTML.escape($0))</code>" }.joined(separator: ", ")
                html += "<br><span class=\"hint\">\(unlocks.isEmpty ? "Unlocks nothing on this server yet." : "Unlocks \(names)")</span>"
            }
            html += "</li>"
        }
        return html + "</ul>"
    }

    /// People who can connect in the list; anyone may be typed (and is refused with the reason).
    var userPicker: String {
        var html = "<label for=\"subject\">Person</label><select id=\"subject\" name=\"subject\"><option value=\"\">Choose a person</option>"
        for user in users where user.canAuthorize {
            html += "<option value=\"\(HTML.escape(user.id))\">\(HTML.escape("\(user.displayName) <\(user.email)>"))</option>"
        }
        html += "</select>"
        html += "<label for=\"email\">or type an email address</label>"
        html += "<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\" value=\"\(HTML.escape(typedEmail))\">"
        return html
    }

    /// Who cannot connect, grouped by reason so each reason is stated once.
    var blockedUsers: String {
        var reasons: [String] = []
        var names: [String: [String]] = [:]
        for user in users where !user.canAuthorize {
            let reason = user.refusalReason ?? "Not allowed to connect."
            if names[reason] == nil { reasons.append(reason) }
            names[reason, default: []].append(user.displayName)
        }
        guard !reasons.isEmpty else { return "" }
        var html = "<h3>Who cannot connect</h3><dl class=\"fields\" id=\"blocked-users\">"
        for reason in reasons {
            html += "<dt>\(HTML.escape(names[reason, default: []].joined(separator: ", ")))</dt><dd>\(HTML.escape(reason))</dd>"
        }
        return html + "</dl>"
    }

    private func section(_ id: String, _ heading: String, _ content: String) -> String {
        "<section class=\"card\" aria-labelledby=\"\(id)-heading\"><h2 id=\"\(id)-heading\">\(HTML.escape(heading))</h2>\(content)</section>"
    }
}
