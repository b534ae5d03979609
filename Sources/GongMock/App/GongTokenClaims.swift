import Essentials

/// The Gong-specific claims the mock puts in its access tokens (issue #4: "Gong claims
/// (integration id, authorization context, company/workspace)") and reads back at the MCP gate.
/// Gong's real token format is not public; these names are ours and are documented in the README.
public enum GongTokenClaims {
    public static let integrationID = "gong_integration_id"
    public static let integrationName = "gong_integration_name"
    public static let authorizationContext = "gong_authorization_context"
    public static let companyID = "gong_company_id"
    public static let workspaceID = "gong_workspace_id"

    /// The authorization context a verified token carries, nil when absent or unknown.
    public static func context(in claims: JSONObject) -> AuthorizationContext? {
        claims[authorizationContext]?.stringValue.flatMap(AuthorizationContext.init(rawValue:))
    }
}
