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

    /// A catalog of the given documents (valid by construction; an invalid one is left out).
    public init(documents: [(url: String, document: JSONValue)]) {
        for (url, document) in documents {
            do { try add(url: url, document: document) } catch { continue }
        }
    }
}
