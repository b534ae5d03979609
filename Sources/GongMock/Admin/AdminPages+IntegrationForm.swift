import HTTPServer

/// The "MCP integration" form, in Gong's wording (help page "Create an integration to connect
/// to the MCP server", gong.md §1.3), for creating and for editing.
extension AdminPages {
    enum FormMode {
        case create
        case edit(MCPIntegration)
    }

    func integrationForm(_ mode: FormMode, values: IntegrationFormValues, errors: [String], notice: String?, session: AdminSession,
                         status: HTTPStatus = .ok) -> HTTPResponse {
        let action: String, title: String, submit: String
        var locked = false
        switch mode {
        case .create:
            action = Self.integrationsPath
            title = "New MCP server integration"
            submit = "Save"
        case .edit(let integration):
            action = "\(Self.integrationsPath)/\(integration.id)/edit"
            title = "Edit MCP integration"
            submit = "Save changes"
            locked = true
        }
        var html = AdminLayout.notice(notice) + AdminLayout.errorList(errors)
        html += "<form method=\"post\" action=\"\(HTML.escape(action))\" class=\"card\">" + AdminLayout.csrfField(session)
        html += "<label for=\"name\">Integration name</label>"
        html += "<input type=\"text\" id=\"name\" name=\"name\" maxlength=\"100\" value=\"\(HTML.escape(values.name))\">"

        html += "<fieldset><legend>Authorization context</legend>"
        for context in [AuthorizationContext.shared, .personal] {
            let checked = values.authorizationContext == context ? " checked" : ""
            let suffix = context == .personal ? " (Default)" : ""
            html += "<label class=\"choice\"><input type=\"radio\" name=\"authorizationContext\" value=\"\(context.rawValue)\" id=\"ctx-\(context.rawValue)\"\(checked)\(locked ? " disabled" : "")> "
            html += "<strong>\(context.label)\(suffix)</strong><small>\(HTML.escape(context.explanation))</small></label>"
        }
        html += "<div class=\"important\"><strong>Important:</strong> \(HTML.escape(IntegrationError.cannotChangeWording))</div></fieldset>"

        html += "<fieldset><legend>Registration type</legend>"
        for type in RegistrationType.allCases {
            let checked = values.registrationType == type ? " checked" : ""
            let suffix = type == .default ? " (Default)" : ""
            html += "<label class=\"choice\"><input type=\"radio\" name=\"registrationType\" value=\"\(type.rawValue)\" id=\"reg-\(type.rawValue)\"\(checked)\(locked ? " disabled" : "")> "
            html += "<strong>\(type.label)\(suffix)</strong><small>\(HTML.escape(type.explanation))</small></label>"
        }
        html += "<p class=\"hint\">Set at creation too, like the authorization context.</p></fieldset>"

        html += "<label for=\"redirectURIs\">Redirect URI <span class=\"hint\">Required. Enter the callback URL for each MCP client, with one URL per line. Find the correct redirect URI in your MCP client documentation.</span></label>"
        html += "<textarea id=\"redirectURIs\" name=\"redirectURIs\" rows=\"5\" spellcheck=\"false\">\(HTML.escape(values.redirectURIText))</textarea>"
        html += "<div class=\"hint\">Supported clients:</div><ul class=\"clients\">"
        html += "<li>Claude: https://claude.ai/api/mcp/auth_callback and https://claude.com/api/mcp/auth_callback</li>"
        html += "<li>ChatGPT: ChatGPT assigns the redirect URI dynamically during the OAuth flow. No static redirect URI is required. <em>Note: This is a ChatGPT client behavior, not a Gong server capability.</em></li>"
        html += "<li>Microsoft Copilot: Copy the redirect URI from Copilot Studio when creating the MCP connection. For M365 Copilot plugins, use: https://teams.microsoft.com/api/platform/v1.0/oAuthRedirect.</li>"
        html += "<li>Salesforce Agentforce: start with https://login.salesforce.com/services/extidp/callback (Personal access), then replace it with the Redirect URI Salesforce generates for its External Auth Identity Provider.</li>"
        html += "<li>Other / Custom clients: Refer to the MCP client documentation for the correct redirect URI.</li></ul>"
        html += "<div class=\"presets\"><span class=\"hint\">Add a client's redirect URIs:</span> "
        for preset in ClientPreset.all {
            html += "<button type=\"submit\" class=\"secondary\" name=\"preset\" value=\"\(preset.id)\" title=\"\(HTML.escape(preset.source))\">\(HTML.escape(preset.name))</button>"
        }
        html += "</div>"
        let chatGPTChecked = values.chatGPTDynamicRedirect ? " checked" : ""
        html += "<label class=\"choice\"><input type=\"checkbox\" name=\"chatGPTDynamicRedirect\" id=\"chatGPTDynamicRedirect\"\(chatGPTChecked)> "
        html += "<strong>ChatGPT (dynamic redirect)</strong><small>Admits https://chatgpt.com/connector/oauth/{callback_id} and the legacy https://chatgpt.com/connector_platform_oauth_redirect, nothing else on chatgpt.com.</small></label>"

        html += "<fieldset><legend>Scopes</legend>"
        for scope in MCPScope.all {
            let checked = values.scopes.contains(scope.rawValue) ? " checked" : ""
            html += "<label class=\"choice\"><input type=\"checkbox\" name=\"scopes\" value=\"\(scope.rawValue)\" id=\"scope-\(scope.rawValue)\"\(checked)> "
            html += "<code>\(scope.rawValue)</code><small>\(HTML.escape(scope.label))</small></label>"
        }
        html += "</fieldset>"
        html += "<p class=\"buttons\"><button type=\"submit\" name=\"save\" value=\"1\">\(submit)</button> "
        html += "<a class=\"btn secondary\" href=\"\(Self.integrationsPath)\">Cancel</a></p></form>"
        return AdminLayout.page(title: title, section: .integrations,
                                crumbs: crumbs(),
                                session: session, body: html, status: status)
    }

    /// Human lines for a store refusal.
    static func messages(for error: IntegrationError) -> [String] {
        if case .invalidRedirectURIs(let rejections) = error { return rejections.map { "Redirect URI " + $0.message } }
        return [error.message]
    }

    /// A preset button press: nothing is saved, the form comes back with the preset applied.
    func presetResponse(_ mode: FormMode, values: IntegrationFormValues, presetID: String, session: AdminSession) -> HTTPResponse {
        var values = values
        guard let preset = ClientPreset.named(presetID) else {
            return integrationForm(mode, values: values, errors: ["Unknown client preset."], notice: nil, session: session, status: .badRequest)
        }
        values.apply(preset)
        return integrationForm(mode, values: values, errors: [], notice: preset.note, session: session)
    }

    func createSubmitted(_ form: AdminForm, session: AdminSession) -> HTTPResponse {
        let values = IntegrationFormValues(form)
        if let preset = form.value("preset") { return presetResponse(.create, values: values, presetID: preset, session: session) }
        let draft = IntegrationDraft(name: values.name, authorizationContext: values.authorizationContext,
                                     registrationType: values.registrationType, redirectURIs: values.redirectLines,
                                     chatGPTDynamicRedirect: values.chatGPTDynamicRedirect, scopes: form.values("scopes"))
        do {
            let created = try integrations.create(draft)
            return .redirect(to: "\(Self.integrationsPath)/\(created.id)/credentials?notice=created", status: .seeOther)
        } catch {
            return integrationForm(.create, values: values, errors: Self.messages(for: error), notice: nil, session: session, status: .badRequest)
        }
    }

    func editSubmitted(_ integration: MCPIntegration, _ form: AdminForm, session: AdminSession) -> HTTPResponse {
        var values = IntegrationFormValues(form, fallback: IntegrationFormValues(integration))
        values.authorizationContext = integration.authorizationContext
        values.registrationType = integration.registrationType
        if let preset = form.value("preset") { return presetResponse(.edit(integration), values: values, presetID: preset, session: session) }
        let immutable = ["authorizationContext", "registrationType"].filter { form.value($0) != nil }
        guard immutable.isEmpty else {
            return integrationForm(.edit(integration), values: values, errors: immutable.map { IntegrationError.immutableField($0).message },
                                   notice: nil, session: session, status: .badRequest)
        }
        let changes = IntegrationChanges(name: values.name, redirectURIs: values.redirectLines,
                                         chatGPTDynamicRedirect: values.chatGPTDynamicRedirect, scopes: form.values("scopes"))
        do {
            _ = try integrations.update(id: integration.id, changes)
            return .redirect(to: "\(Self.integrationsPath)?notice=updated", status: .seeOther)
        } catch {
            return integrationForm(.edit(integration), values: values, errors: Self.messages(for: error), notice: nil, session: session, status: .badRequest)
        }
    }
}
