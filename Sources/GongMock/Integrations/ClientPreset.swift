/// Known MCP clients and the redirect URIs Gong's help page lists for them (gong.md §1.3, §5).
/// The admin form offers them as buttons; the API lists them at `GET /admin/api/client-presets`.
public struct ClientPreset: Sendable, Equatable, Identifiable {
    public let id: String
    public let name: String
    /// URIs the preset adds to the list.
    public let redirectURIs: [String]
    /// Whether the preset turns on the ChatGPT dynamic-redirect rule instead of adding URIs.
    public let enablesChatGPTDynamic: Bool
    /// What the admin must do, in Gong's words where Gong has them.
    public let note: String

    public static let claude = ClientPreset(
        id: "claude", name: "Claude", redirectURIs: RedirectURIRules.claudeCallbacks, enablesChatGPTDynamic: false,
        note: "Claude: https://claude.ai/api/mcp/auth_callback and https://claude.com/api/mcp/auth_callback")
    public static let chatGPT = ClientPreset(
        id: "chatgpt", name: "ChatGPT", redirectURIs: [], enablesChatGPTDynamic: true,
        note: "ChatGPT assigns the redirect URI dynamically during the OAuth flow. No static redirect URI is required. This is a ChatGPT client behavior, not a Gong server capability. (The mock admits https://chatgpt.com/connector/oauth/{callback_id} and the legacy https://chatgpt.com/connector_platform_oauth_redirect.)")
    public static let m365Copilot = ClientPreset(
        id: "m365-copilot", name: "M365 Copilot plugins", redirectURIs: ["https://teams.microsoft.com/api/platform/v1.0/oAuthRedirect"],
        enablesChatGPTDynamic: false,
        note: "For M365 Copilot plugins, use: https://teams.microsoft.com/api/platform/v1.0/oAuthRedirect.")
    public static let copilotStudio = ClientPreset(
        id: "copilot-studio", name: "Microsoft Copilot Studio", redirectURIs: [], enablesChatGPTDynamic: false,
        note: "Microsoft Copilot: Copy the redirect URI from Copilot Studio when creating the MCP connection (it looks like https://global.consent.azure-apim.net/redirect/...).")
    public static let cursor = ClientPreset(
        id: "cursor", name: "Cursor", redirectURIs: ["cursor://anysphere.cursor-mcp/oauth/callback"], enablesChatGPTDynamic: false,
        note: "Other / Custom clients: Refer to the MCP client documentation for the correct redirect URI.")

    public static let all: [ClientPreset] = [.claude, .chatGPT, .m365Copilot, .copilotStudio, .cursor]

    public static func named(_ id: String) -> ClientPreset? { all.first { $0.id == id } }
}
