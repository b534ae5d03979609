/// The server-rendered sign-in and consent page (no JavaScript): pick a person or type an email,
/// see the client, its attributes, the scopes and where the browser goes next (the redirect host,
/// as the CIMD draft §6 asks), then Approve or Deny. Posts back a signed transaction.
struct ConsentPage {
    var clientName: String
    var clientID: String
    var clientKind: OAuthClient.Kind
    var displayAttributes: [(label: String, value: String)]
    var scopes: [(scope: String, description: String?)]
    var redirectURI: String
    var redirectHost: String
    var users: [OAuthSubject]
    var transaction: String
    var formAction: String
    var errorMessage: String?
    var typedEmail: String = ""

    func render() -> String {
        var body = "<h1>Sign in to connect \(HTML.escape(clientName))</h1>\n"
        if let errorMessage {
            body += "<p class=\"error\" role=\"alert\" id=\"consent-error\">\(HTML.escape(errorMessage))</p>\n"
        }
        body += "<p><strong>\(HTML.escape(clientName))</strong> asks for access to your data.</p>\n<dl>\n"
        body += row("Client ID", clientID)
        body += row("Registration", clientKind.rawValue)
        for attribute in displayAttributes { body += row(attribute.label, attribute.value) }
        body += row("Redirects to", redirectHost)
        body += "</dl>\n<h2>Requested permissions</h2>\n<ul id=\"scopes\">\n"
        for entry in scopes {
            body += "<li><code>\(HTML.escape(entry.scope))</code>"
            if let description = entry.description { body += " — \(HTML.escape(description))" }
            body += "</li>\n"
        }
        body += "</ul>\n"
        body += "<form method=\"post\" action=\"\(HTML.escape(formAction))\">\n"
        body += "<input type=\"hidden\" name=\"transaction\" value=\"\(HTML.escape(transaction))\">\n"
        body += "<fieldset><legend>Who is signing in?</legend>\n"
        body += "<p><label for=\"subject\">User</label><br><select id=\"subject\" name=\"subject\">\n"
        body += "<option value=\"\">— choose a user —</option>\n"
        for user in users {
            var label = "\(user.displayName) <\(user.email)>"
            if !user.canAuthorize { label += " — cannot connect: \(user.refusalReason ?? "not allowed")" }
            body += "<option value=\"\(HTML.escape(user.id))\">\(HTML.escape(label))</option>\n"
        }
        body += "</select></p>\n"
        body += "<p><label for=\"email\">or type an email</label><br><input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\" value=\"\(HTML.escape(typedEmail))\"></p>\n"
        body += "</fieldset>\n"
        let blocked = users.filter { !$0.canAuthorize }
        if !blocked.isEmpty {
            body += "<p class=\"note\">Some people cannot connect:</p>\n<ul class=\"note\" id=\"blocked-users\">\n"
            for user in blocked {
                body += "<li>\(HTML.escape(user.displayName)): \(HTML.escape(user.refusalReason ?? "not allowed"))</li>\n"
            }
            body += "</ul>\n"
        }
        body += "<button type=\"submit\" name=\"decision\" value=\"approve\" id=\"approve\">Approve</button>"
        body += "<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Deny</button>\n</form>\n"
        body += "<p class=\"note\">After your decision the browser returns to <code>\(HTML.escape(redirectURI))</code>.</p>\n"
        return HTML.page(title: "Connect \(clientName)", body: body)
    }

    private func row(_ label: String, _ value: String) -> String {
        "<dt>\(HTML.escape(label))</dt><dd>\(HTML.escape(value))</dd>\n"
    }
}
