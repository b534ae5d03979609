import Essentials
@testable import OAuth

/// Offline documents for the OAuth tests, under the names the tests use. gong-mock's own set
/// lives in GongMock (`GongClientMetadataDocuments`); the generic layer ships none.
extension ClientMetadataDocumentCatalog {
    static let claudeURL = "https://claude.ai/oauth/mcp-oauth-client-metadata"
    static let claudeCodeURL = "https://claude.ai/oauth/claude-code-client-metadata"
    static let conformanceURL = "https://conformance-test.local/client-metadata.json"

    static let builtIn = ClientMetadataDocumentCatalog(documents: [
        (claudeURL, ["client_id": .string(claudeURL), "client_name": "Claude", "redirect_uris": ["https://claude.ai/api/mcp/auth_callback"],
                     "grant_types": ["authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:jwt-bearer"],
                     "response_types": ["code"], "token_endpoint_auth_method": "none"]),
        (claudeCodeURL, ["client_id": .string(claudeCodeURL), "client_name": "Claude Code",
                         "redirect_uris": ["http://localhost/callback", "http://127.0.0.1/callback"],
                         "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"], "token_endpoint_auth_method": "none"]),
        (conformanceURL, ["client_id": .string(conformanceURL), "client_name": "MCP conformance test client",
                          "redirect_uris": ["http://localhost:3000/callback", "http://127.0.0.1:3000/callback"],
                          "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"], "token_endpoint_auth_method": "none"]),
    ])
}
