/// Gong's "Authorization context" of an MCP integration (gong.md §1.3): whose data the AI agent
/// sees. Set at creation and never changed afterwards.
public enum AuthorizationContext: String, Sendable, CaseIterable, Hashable {
    /// "Shared access: Allows the AI agent to access all your Gong data."
    case shared = "SHARED"
    /// "Personal access: The AI agent can only access the data of the user who authorized the
    /// integration. Data access is limited to the permissions of that user." Gong's default.
    case personal = "PERSONAL"

    public static let `default`: AuthorizationContext = .personal

    /// Gong's label on the create form.
    public var label: String {
        switch self {
        case .shared: return "Shared access"
        case .personal: return "Personal access"
        }
    }

    /// Gong's explanation under the label.
    public var explanation: String {
        switch self {
        case .shared: return "Allows the AI agent to access all your Gong data."
        case .personal:
            return "The AI agent can only access the data of the user who authorized the integration. Data access is limited to the permissions of that user."
        }
    }
}
