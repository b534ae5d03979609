extension OAuthServer {
    /// Why a client ID could not be resolved, with the rule name for the journal.
    struct ClientLookupFailure: Error {
        let rule: String
        let explanation: String
    }

    /// Finds a client: registered ones through the policy, URL-form IDs through the offline
    /// metadata documents (when enabled) and then the policy's approval.
    func resolveClient(id: String, configuration: OAuthConfiguration) -> Result<OAuthClient, ClientLookupFailure> {
        if let client = policy.client(id: id) { return .success(client) }
        guard ClientMetadataDocumentCatalog.isURLFormClientID(id) else {
            return .failure(ClientLookupFailure(rule: "client.unknown", explanation: "client_id '\(id)' is not registered with this authorization server."))
        }
        guard configuration.clientIDMetadataDocuments else {
            return .failure(ClientLookupFailure(
                rule: "client.cimd.disabled",
                explanation: "client_id '\(id)' is a URL (a Client ID Metadata Document), but this server does not accept metadata documents (client_id_metadata_document_supported is off)."))
        }
        switch configuration.clientMetadataDocuments.resolve(id) {
        case .failure(let error):
            return .failure(ClientLookupFailure(rule: "client.cimd.unknown", explanation: error.description))
        case .success(let document):
            switch policy.metadataDocumentClient(document) {
            case .success(let client): return .success(client)
            case .failure(let refusal):
                return .failure(ClientLookupFailure(rule: "client.cimd.refused", explanation: "Client ID Metadata Document \(id) (\(document.clientName)) was refused: \(refusal.explanation)"))
            }
        }
    }
}
