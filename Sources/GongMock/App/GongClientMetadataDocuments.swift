import Essentials
import OAuth

/// The Client ID Metadata Documents gong-mock knows offline (mcp.md §5): Claude, Claude Code and
/// the MCP conformance client. Gong's preset gives them to the generic OAuth layer, which only
/// resolves the documents it is handed (draft-ietf-oauth-client-id-metadata-document §4; the
/// mock never fetches one).
public enum GongClientMetadataDocuments {
    public static let claudeURL = "https://claude.ai/oauth/mcp-oauth-client-metadata"
    public static let claudeCodeURL = "https://claude.ai/oauth/claude-code-client-metadata"
    public static let conformanceURL = "https://conformance-test.local/client-metadata.json"

    public static let catalog = ClientMetadataDocumentCatalog(documents: documents)

    static let documents: [(url: String, document: JSONValue)] = [
        (claudeURL, [
            "client_id": .string(claudeURL),
            "client_name": "Claude",
            "redirect_uris": ["https://claude.ai/api/mcp/auth_callback"],
            "grant_types": ["authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:jwt-bearer"],
            "response_types": ["code"],
            "token_endpoint_auth_method": "none",
        ]),
        (claudeCodeURL, [
            "client_id": .string(claudeCodeURL),
            "client_name": "Claude Code",
            "redirect_uris": ["http://localhost/callback", "http://127.0.0.1/callback"],
            "grant_types": ["authorization_code", "refresh_token"],
            "response_types": ["code"],
            "token_endpoint_auth_method": "none",
        ]),
        (conformanceURL, [
            "client_id": .string(conformanceURL),
            "client_name": "MCP conformance test client",
            "redirect_uris": ["http://localhost:3000/callback", "http://127.0.0.1:3000/callback"],
            "grant_types": ["authorization_code", "refresh_token"],
            "response_types": ["code"],
            "token_endpoint_auth_method": "none",
        ]),
    ]
}
