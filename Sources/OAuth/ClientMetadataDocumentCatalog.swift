import Essentials

/// The offline Client ID Metadata Documents the server resolves URL-form client IDs from
/// (draft-ietf-oauth-client-id-metadata-document §4: the AS would fetch them; the mock never
/// touches the network, so they are built in or added from the seed file).
public struct ClientMetadataDocumentCatalog: Sendable {
    private var documents: [String: ClientMetadataDocument] = [:]

    public init() {}

    /// URLs of the documents held, sorted.
    public var urls: [String] { documents.keys.sorted() }

    /// Validates and adds (or replaces) a document published at `url`.
    public mutating func add(url: String, document: JSONValue) throws(ClientMetadataDocumentError) {
        documents[url] = try ClientMetadataDocument(url: url, document: document)
    }

    /// The document for a client ID, or why there is none.
    public func resolve(_ clientID: String) -> Result<ClientMetadataDocument, ClientMetadataDocumentError> {
        if let document = documents[clientID] { return .success(document) }
        return .failure(ClientMetadataDocumentError(
            url: clientID,
            reason: "no offline document is known for this URL (the mock never fetches metadata documents; known: \(urls.joined(separator: ", ")))"))
    }

    /// Whether a client ID has the URL form that CIMD uses (https with a path).
    public static func isURLFormClientID(_ clientID: String) -> Bool {
        guard let uri = URIReference(clientID), uri.hasAuthority else { return false }
        return uri.normalizedScheme == "https" || uri.normalizedScheme == "http"
    }

    public static let claudeURL = "https://claude.ai/oauth/mcp-oauth-client-metadata"
    public static let claudeCodeURL = "https://claude.ai/oauth/claude-code-client-metadata"
    public static let conformanceURL = "https://conformance-test.local/client-metadata.json"

    /// Claude, Claude Code and the MCP conformance client (mcp.md §5).
    public static let builtIn: ClientMetadataDocumentCatalog = {
        var catalog = ClientMetadataDocumentCatalog()
        let fixtures: [(String, JSONValue)] = [
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
        for (url, document) in fixtures {
            // The fixtures above are valid by construction; a failure would only drop one.
            do { try catalog.add(url: url, document: document) } catch { continue }
        }
        return catalog
    }()
}
