import OAuth

/// What makes the generic layers answer as mcp.gong.io (gong.md §4): the OAuth and HTTP layers
/// ship neutral defaults, and gong-mock sets Gong's wire shape here, in one place.
public enum GongPreset {
    /// The 503 body while the server binds but the application is not installed yet.
    public static let startingMessage = "Service Unavailable: gong-mock is still starting\n"

    /// Gong's token path (`/oauth2/generate-mcp-token`, with `/oauth2/token` also served), the
    /// well-known path mcp.gong.io answers with 401 (gong.md §4.1), and the offline CIMD documents.
    public static func apply(to configuration: inout OAuthConfiguration) {
        configuration.paths.token = "/oauth2/generate-mcp-token"
        configuration.paths.tokenAliases = ["/oauth2/token"]
        configuration.unauthorizedWellKnownPaths = ["/.well-known/openid-configuration"]
        configuration.clientMetadataDocuments = GongClientMetadataDocuments.catalog
    }
}
