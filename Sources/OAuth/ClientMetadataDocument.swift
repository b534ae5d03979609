import Essentials

/// A validated Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-document §3,
/// §4): its `client_id` equals the URL it is published at, and it names the client and its
/// redirect URIs. The OAuth layer never fetches one; they come from `ClientMetadataDocumentCatalog`.
public struct ClientMetadataDocument: Sendable, Equatable {
    public let clientID: String
    public let clientName: String
    public let redirectURIs: [String]
    public let grantTypes: [String]
    public let responseTypes: [String]
    public let tokenEndpointAuthMethod: String
    public let scope: String?
    /// The document as given, for display and the journal.
    public let document: JSONObject

    /// Validates `document` as published at `url`.
    public init(url: String, document: JSONValue) throws(ClientMetadataDocumentError) {
        guard let object = document.objectValue else {
            throw ClientMetadataDocumentError(url: url, reason: "the document is a JSON \(document.kindName), not an object")
        }
        guard let uri = URIReference(url), uri.hasAuthority, uri.host?.isEmpty == false,
              uri.normalizedScheme == "https" || (uri.normalizedScheme == "http" && uri.isLoopback) else {
            throw ClientMetadataDocumentError(url: url, reason: "a client_id metadata URL must be an https URL (http only for loopback hosts)")
        }
        guard uri.path.count > 1 else {
            throw ClientMetadataDocumentError(url: url, reason: "a client_id metadata URL must contain a path component")
        }
        guard uri.fragment == nil else {
            throw ClientMetadataDocumentError(url: url, reason: "a client_id metadata URL must not contain a fragment")
        }
        guard let declaredID = object["client_id"]?.stringValue else {
            throw ClientMetadataDocumentError(url: url, reason: "the document has no string member client_id")
        }
        guard declaredID == url else {
            throw ClientMetadataDocumentError(url: url, reason: "the document's client_id '\(declaredID)' differs from the URL it is published at")
        }
        guard let name = object["client_name"]?.stringValue, !name.isEmpty else {
            throw ClientMetadataDocumentError(url: url, reason: "the document has no non-empty client_name")
        }
        guard let redirects = object["redirect_uris"]?.arrayValue, !redirects.isEmpty else {
            throw ClientMetadataDocumentError(url: url, reason: "the document has no non-empty redirect_uris array")
        }
        var redirectURIs: [String] = []
        for entry in redirects {
            guard let text = entry.stringValue, let parsed = URIReference(text), parsed.fragment == nil else {
                throw ClientMetadataDocumentError(url: url, reason: "redirect_uris contains \(entry), which is not an absolute URI without fragment")
            }
            redirectURIs.append(text)
        }
        let method = object["token_endpoint_auth_method"]?.stringValue ?? "none"
        guard method != ClientAuthMethod.clientSecretBasic.rawValue, method != ClientAuthMethod.clientSecretPost.rawValue else {
            throw ClientMetadataDocumentError(url: url, reason: "token_endpoint_auth_method '\(method)' needs a shared secret, which a metadata document cannot carry")
        }
        clientID = declaredID
        clientName = name
        self.redirectURIs = redirectURIs
        grantTypes = object["grant_types"]?.arrayValue?.compactMap(\.stringValue) ?? ["authorization_code"]
        responseTypes = object["response_types"]?.arrayValue?.compactMap(\.stringValue) ?? ["code"]
        tokenEndpointAuthMethod = method
        scope = object["scope"]?.stringValue
        self.document = object
    }

    /// The redirect rule a metadata-document client gets: exact match, loopback any port.
    public var redirectDecision: @Sendable (String) -> RedirectDecision {
        let registered = redirectURIs, owner = "client '\(clientName)'"
        return { RedirectURIMatcher.decision(for: $0, registered: registered, owner: owner) }
    }
}

/// Why a metadata document was refused or could not be found.
public struct ClientMetadataDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    public let url: String
    public let reason: String
    public init(url: String, reason: String) {
        self.url = url
        self.reason = reason
    }
    public var description: String { "Client ID Metadata Document \(url): \(reason)" }
}
