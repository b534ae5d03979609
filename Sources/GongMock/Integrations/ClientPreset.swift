/// Known MCP clients and the redirect URIs Gong's help pages list for them (gong.md §1.3, §1.4,
/// §5), each with the page it comes from. The admin form offers them as buttons; the API lists
/// them at `GET /admin/api/client-presets`.
public struct ClientPreset: Sendable, Equatable, Identifiable {
    public let id: String
    public let name: String
    /// URIs the preset adds to the list.
    public let redirectURIs: [String]
    /// Whether the preset turns on the ChatGPT dynamic-redirect rule instead of adding URIs.
    public let enablesChatGPTDynamic: Bool
    /// What the admin must do, in Gong's words where Gong has them.
    public let note: String
    /// Where the URIs and the note come from.
    public let source: String

    static let createIntegrationPage = "https://help.gong.io/docs/create-an-integration-to-connect-to-the-mcp-server (Supported clients)"

    public static let claude = ClientPreset(
        id: "claude", name: "Claude", redirectURIs: RedirectURIRules.claudeCallbacks, enablesChatGPTDynamic: false,
        note: "Claude: https://claude.ai/api/mcp/auth_callback and https://claude.com/api/mcp/auth_callback",
        source: createIntegrationPage)
    public static let chatGPT = ClientPreset(
        id: "chatgpt", name: "ChatGPT", redirectURIs: [], enablesChatGPTDynamic: true,
        note: "ChatGPT assigns the redirect URI dynamically during the OAuth flow. No static redirect URI is required. This is a ChatGPT client behavior, not a Gong server capability. (The mock admits https://chatgpt.com/connector/oauth/{callback_id} and the legacy https://chatgpt.com/connector_platform_oauth_redirect.)",
        source: createIntegrationPage)
    public static let m365Copilot = ClientPreset(
        id: "m365-copilot", name: "Microsoft 365 Copilot", redirectURIs: ["https://teams.microsoft.com/api/platform/v1.0/oAuthRedirect"],
        enablesChatGPTDynamic: false,
        note: "For M365 Copilot plugins, use: https://teams.microsoft.com/api/platform/v1.0/oAuthRedirect.",
        source: createIntegrationPage)
    public static let copilotStudio = ClientPreset(
        id: "copilot-studio", name: "Copilot Studio", redirectURIs: [], enablesChatGPTDynamic: false,
        note: "Microsoft Copilot: Copy the redirect URI from Copilot Studio when creating the MCP connection (it looks like https://global.consent.azure-apim.net/redirect/...).",
        source: createIntegrationPage)
    public static let salesforceAgentforce = ClientPreset(
        id: "salesforce-agentforce", name: "Salesforce Agentforce",
        redirectURIs: ["https://login.salesforce.com/services/extidp/callback"], enablesChatGPTDynamic: false,
        note: "Use Personal access. Salesforce generates the final Redirect URI later (External Auth Identity Provider); edit the integration and replace this one with it. The Gong user's email must match the Salesforce user's.",
        source: "https://help.gong.io/docs/connect-salesforce-agentforce-to-the-gong-mcp-server")
    public static let cursor = ClientPreset(
        id: "cursor", name: "Cursor", redirectURIs: ["cursor://anysphere.cursor-mcp/oauth/callback"], enablesChatGPTDynamic: false,
        note: "Other / Custom clients: Refer to the MCP client documentation for the correct redirect URI.",
        source: "Cursor's MCP OAuth callback (not on a Gong page; the mock's addition)")

    public static let all: [ClientPreset] = [.claude, .chatGPT, .m365Copilot, .copilotStudio, .salesforceAgentforce, .cursor]

    public static func named(_ id: String) -> ClientPreset? { all.first { $0.id == id } }
}
