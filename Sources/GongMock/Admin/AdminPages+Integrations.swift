import HTTPServer

/// Ecosystem → API → Integrations tab.
extension AdminPages {
    static let notices = [
        "created": "Integration saved. Your client ID and client secret are displayed below and in the Integrations tab.",
        "updated": "Changes saved.",
        "rotated": "A new client secret was generated. The previous secret no longer works.",
        "deleted": "Integration deleted. Tokens issued to it no longer work.",
        "credits": "Credit balance updated.",
    ]

    static func notice(_ request: HTTPRequest) -> String? { request.queryValue("notice").flatMap { notices[$0] } }

    func installIntegrationPages(into router: inout Router) {
        let base = Self.integrationsPath
        get(&router, base) { request, _, session in integrationList(request, session) }
        get(&router, base + "/new") { _, _, session in chooseIntegrationType(session) }
        get(&router, base + "/new/mcp") { _, _, session in
            integrationForm(.create, values: IntegrationFormValues(), errors: [], notice: nil, session: session)
        }
        post(&router, base) { _, _, session, form in createSubmitted(form, session: session) }
        get(&router, base + "/{id}/credentials") { request, context, session in
            let integration = try existing(context)
            logger.info("integration credentials viewed", [("id", integration.id), ("via", "page")])
            return credentialsPage(integration, request: request, context: context, session: session)
        }
        get(&router, base + "/{id}/edit") { _, context, session in
            let integration = try existing(context)
            return integrationForm(.edit(integration), values: IntegrationFormValues(integration), errors: [], notice: nil, session: session)
        }
        post(&router, base + "/{id}/edit") { _, context, session, form in editSubmitted(try existing(context), form, session: session) }
        post(&router, base + "/{id}/rotate-secret") { _, context, _, _ in
            let integration = try existing(context)
            onSecretRotated(try pageResult { () throws(IntegrationError) in try integrations.rotateSecret(id: integration.id) })
            return .redirect(to: "\(base)/\(integration.id)/credentials?notice=rotated", status: .seeOther)
        }
        get(&router, base + "/{id}/delete") { _, context, session in deleteConfirmation(try existing(context), session) }
        post(&router, base + "/{id}/delete") { _, context, _, _ in
            let integration = try existing(context)
            let removed = try pageResult { () throws(IntegrationError) in try integrations.delete(id: integration.id) }
            onIntegrationDeleted(removed.integration, removed.registeredClients)
            return .redirect(to: "\(base)?notice=deleted", status: .seeOther)
        }
    }

    func existing(_ context: RequestContext) throws(AdminPageError) -> MCPIntegration {
        let id = context.parameter("id") ?? ""
        guard let integration = integrations.get(id: id) else {
            throw AdminPageError.notFound("No integration with id '\(id)'. It may have been deleted.")
        }
        return integration
    }

    func pageResult<T>(_ body: () throws(IntegrationError) -> T) throws(AdminPageError) -> T {
        do { return try body() } catch {
            throw AdminPageError(status: error.code == "not_found" ? .notFound : .internalServerError, title: "Not saved", explanation: error.message)
        }
    }

    func crumbs(_ last: String? = nil) -> [(String, String?)] {
        var trail: [(String, String?)] = [("Admin center", "/admin"), ("Settings", "/admin/settings"), ("Ecosystem", nil), ("MCP", nil),
                                          ("MCP servers", Self.integrationsPath)]
        if let last { trail.append((last, nil)) }
        return trail
    }

    func integrationList(_ request: HTTPRequest, _ session: AdminSession) -> HTTPResponse {
        let list = integrations.list()
        var html = AdminLayout.notice(Self.notice(request))
        html += "<div class=\"tabs\"><span class=\"on\">MCP servers</span></div>"
        html += "<p><a class=\"btn\" href=\"\(Self.integrationsPath)/new/mcp\">New MCP server integration</a></p>"
        if list.isEmpty {
            html += "<div class=\"card\"><p>No MCP server integrations yet. Click New MCP server integration.</p></div>"
        } else {
            var table = HTMLTable(label: "Integrations", columns: ["Integration name", "Type", "Authorization context", "Registration type",
                                                                 "Client ID", "Redirect URIs", "Created", "Actions"])
            for integration in list {
                let path = "\(Self.integrationsPath)/\(HTML.escape(integration.id))"
                var uris = integration.redirectURIs.map { "<div class=\"mono\">\(HTML.escape($0))</div>" }.joined()
                if integration.chatGPTDynamicRedirect { uris += "<div class=\"hint\">+ ChatGPT (dynamic redirect)</div>" }
                let clients = integrations.registeredClients(integrationId: integration.id).count
                let registration = integration.registrationType.label + (integration.registrationType == .automatic ? " (\(clients) registered client\(clients == 1 ? "" : "s"))" : "")
                let actions = "<a class=\"btn secondary\" href=\"\(path)/credentials\">View credentials</a>"
                    + "<a class=\"btn secondary\" href=\"\(path)/edit\">Edit</a>"
                    + AdminLayout.postButton("\(Self.integrationsPath)/\(integration.id)/rotate-secret", "Rotate secret", session: session)
                    + "<a class=\"btn danger\" href=\"\(path)/delete\">Delete</a>"
                table.addRow([.text(integration.name), .text("MCP integration"), .text(integration.authorizationContext.label), .text(registration),
                              .text(integration.clientId, class: "mono"), .markup(uris), .text(AdminFormat.timestamp(integration.createdAt)),
                              .markup(actions, class: "actions")])
            }
            html += table.html
        }
        return AdminLayout.page(title: "MCP", section: .integrations, crumbs: Array(crumbs().dropLast()), session: session, body: html)
    }

    func chooseIntegrationType(_ session: AdminSession) -> HTTPResponse {
        let html = """
        <div class="card"><p>Select the type of integration to create.</p>
        <p><a class="btn" href="\(Self.integrationsPath)/new/mcp">MCP integration</a></p>
        <p class="hint">Connect an external AI agent (Claude, ChatGPT, Microsoft Copilot, or a custom MCP client) to the Gong MCP server. Ensure you have enough Gong credits to query the MCP server.</p></div>
        """
        return AdminLayout.page(title: "Create integration", section: .integrations, crumbs: crumbs("Create integration"), session: session, body: html)
    }

    func credentialsPage(_ integration: MCPIntegration, request: HTTPRequest, context: RequestContext, session: AdminSession) -> HTTPResponse {
        var html = AdminLayout.notice(Self.notice(request))
        html += "<div class=\"card\"><table>"
        html += "<tr><th>Integration name</th><td>\(HTML.escape(integration.name))</td></tr>"
        html += "<tr><th>MCP server URL</th><td class=\"mono\">\(HTML.escape(mcpURL))</td></tr>"
        html += "<tr><th>Client ID</th><td class=\"mono\" id=\"client-id\">\(HTML.escape(integration.clientId))</td></tr>"
        html += "<tr><th>Client secret</th><td class=\"mono\" id=\"client-secret\">\(HTML.escape(integration.clientSecret))</td></tr>"
        html += "<tr><th>Authorization context</th><td>\(integration.authorizationContext.label)</td></tr>"
        html += "<tr><th>Registration type</th><td>\(integration.registrationType.label)</td></tr>"
        html += "<tr><th>Scopes</th><td class=\"mono\">\(integration.scopes.map(\.rawValue).joined(separator: " "))</td></tr>"
        html += "</table></div>"
        if integration.registrationType == .automatic {
            html += "<p class=\"hint\">Automatic registration: MCP clients register their own OAuth client (RFC 7591); you do not have to copy a client ID or secret.</p>"
        }
        html += "<div class=\"actions\">" + AdminLayout.postButton("\(Self.integrationsPath)/\(integration.id)/rotate-secret", "Rotate secret", session: session)
        html += "<a class=\"btn secondary\" href=\"\(Self.integrationsPath)\">Back to integrations</a></div>"
        return AdminLayout.page(title: "Credentials", section: .integrations, crumbs: crumbs(integration.name), session: session, body: html)
    }

    func deleteConfirmation(_ integration: MCPIntegration, _ session: AdminSession) -> HTTPResponse {
        var html = "<div class=\"card\"><p>Delete the MCP integration <strong>\(HTML.escape(integration.name))</strong>"
        html += " (client ID <code>\(HTML.escape(integration.clientId))</code>)?</p>"
        html += "<p>AI agents connected through it lose access: its access and refresh tokens stop working"
        html += integration.registrationType == .automatic ? ", and the clients registered under it are removed.</p>" : ".</p>"
        html += "<div class=\"actions\">" + AdminLayout.postButton("\(Self.integrationsPath)/\(integration.id)/delete", "Delete", session: session, style: "danger")
        html += "<a class=\"btn secondary\" href=\"\(Self.integrationsPath)\">Cancel</a></div></div>"
        return AdminLayout.page(title: "Delete integration", section: .integrations, crumbs: crumbs(integration.name), session: session, body: html)
    }
}
