/// What the MCP integration form shows: the entered values (re-rendered after a validation
/// error or a preset button) or an existing integration's.
struct IntegrationFormValues: Sendable {
    var name = ""
    var authorizationContext = AuthorizationContext.default
    var registrationType = RegistrationType.default
    var redirectURIText = ""
    var scopes: Set<String> = Set(MCPScope.all.map(\.rawValue))
    var chatGPTDynamicRedirect = false

    init() {}

    init(_ integration: MCPIntegration) {
        name = integration.name
        authorizationContext = integration.authorizationContext
        registrationType = integration.registrationType
        redirectURIText = integration.redirectURIs.joined(separator: "\n")
        scopes = Set(integration.scopes.map(\.rawValue))
        chatGPTDynamicRedirect = integration.chatGPTDynamicRedirect
    }

    /// Reads the submitted fields; unknown radio values are kept out (the store would refuse them anyway).
    init(_ form: AdminForm, fallback: IntegrationFormValues = IntegrationFormValues()) {
        name = form.value("name") ?? ""
        authorizationContext = form.value("authorizationContext").flatMap(AuthorizationContext.init(rawValue:)) ?? fallback.authorizationContext
        registrationType = form.value("registrationType").flatMap(RegistrationType.init(rawValue:)) ?? fallback.registrationType
        redirectURIText = form.value("redirectURIs") ?? ""
        scopes = Set(form.values("scopes"))
        chatGPTDynamicRedirect = form.value("chatGPTDynamicRedirect") == "on"
    }

    var redirectLines: [String] {
        redirectURIText.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init)
    }

    /// Applies a preset button: adds its URIs (no duplicates) or turns on ChatGPT's rule.
    mutating func apply(_ preset: ClientPreset) {
        var lines = redirectLines.map(RedirectURIRules.trim).filter { !$0.isEmpty }
        for uri in preset.redirectURIs where !lines.contains(uri) { lines.append(uri) }
        redirectURIText = lines.joined(separator: "\n")
        if preset.enablesChatGPTDynamic { chatGPTDynamicRedirect = true }
    }
}
