/// Gong's "Registration type" of an MCP integration (gong.md §1.3 version C): whether the admin
/// copies Gong's generated client ID and secret into the client (MANUAL), or the client registers
/// itself (AUTOMATIC: OAuth 2.0 Dynamic Client Registration, RFC 7591) under this integration's
/// redirect-URI rules. Set at creation and never changed afterwards.
public enum RegistrationType: String, Sendable, CaseIterable, Hashable {
    case manual = "MANUAL"
    case automatic = "AUTOMATIC"

    public static let `default`: RegistrationType = .manual

    public var label: String {
        switch self {
        case .manual: return "Manual"
        case .automatic: return "Automatic"
        }
    }

    public var explanation: String {
        switch self {
        case .manual: return "Copy the client ID and client secret Gong generates into your MCP client."
        case .automatic:
            return "The MCP client registers its OAuth client automatically; you do not have to copy a client ID or secret. Its redirect URIs must match the ones listed here."
        }
    }
}
