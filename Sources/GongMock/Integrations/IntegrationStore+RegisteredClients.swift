import Essentials

/// Dynamic Client Registration (RFC 7591) under AUTOMATIC integrations. The OAuth layer's
/// registration policy calls `registerClient`; the authorize and token endpoints look clients up
/// with `registeredClient(clientId:)`.
extension IntegrationStore {
    public func registeredClient(clientId: String) -> RegisteredClient? {
        state.withLock { $0.clients.first { $0.clientId == clientId } }
    }

    public func registeredClients(integrationId: String? = nil) -> [RegisteredClient] {
        state.withLock { state in
            guard let integrationId else { return state.clients }
            return state.clients.filter { $0.integrationId == integrationId }
        }
    }

    /// The decisions for each requested redirect URI, without registering anything.
    public func registrationDecisions(integrationId: String, redirectURIs: [String]) throws(IntegrationError) -> [RedirectURIDecision] {
        guard let integration = get(id: integrationId) else { throw .notFound(id: integrationId) }
        return RedirectURIRules.registrationDecisions(redirectURIs, registered: integration.redirectURIs,
                                                      chatGPTDynamic: integration.chatGPTDynamicRedirect, owner: "integration '\(integration.name)'")
    }

    /// Registers a client under an AUTOMATIC integration, after checking every redirect URI
    /// against the integration's list. A secret is generated unless `authMethod` is `none`.
    public func registerClient(_ draft: RegisteredClientDraft) throws(IntegrationError) -> RegisteredClient {
        let now = clock.now()
        let client = try state.withLock { (state: inout State) throws(IntegrationError) -> RegisteredClient in
            guard let integration = state.integrations.first(where: { $0.id == draft.integrationId }) else {
                throw .notFound(id: draft.integrationId)
            }
            guard integration.registrationType == .automatic else { throw .notAutomatic(integrationName: integration.name) }
            let uris = draft.redirectURIs.map(RedirectURIRules.trim)
            guard !uris.isEmpty else {
                throw .registrationRefused("redirect_uris: at least one redirect URI is required (RFC 7591 §2).")
            }
            let decisions = RedirectURIRules.registrationDecisions(uris, registered: integration.redirectURIs,
                                                                   chatGPTDynamic: integration.chatGPTDynamicRedirect, owner: "integration '\(integration.name)'")
            if let refused = decisions.first(where: { !$0.isAllowed }) { throw .registrationRefused(refused.explanation) }
            var clientId = draft.clientId ?? CredentialGenerator.clientId(using: random)
            if draft.clientId != nil, Self.clientIdInUse(clientId, in: state) {
                throw .registrationRefused("client_id \(clientId) is already in use.")
            }
            while Self.clientIdInUse(clientId, in: state) { clientId = CredentialGenerator.clientId(using: random) }
            let secret = draft.authMethod == .none ? nil : (draft.clientSecret ?? CredentialGenerator.clientSecret(using: random))
            let client = RegisteredClient(
                clientId: clientId, clientSecret: secret,
                authMethod: draft.authMethod, redirectURIs: uris, name: draft.name, integrationId: integration.id, createdAt: now)
            try persistence?.saveRegisteredClient(client)
            state.clients.append(client)
            return client
        }
        logger.info("client registered", [("clientId", client.clientId), ("integration", client.integrationId),
                                          ("authMethod", client.authMethod.rawValue), ("redirectURIs", client.redirectURIs.joined(separator: " "))])
        return client
    }

    public func deleteRegisteredClient(clientId: String) throws(IntegrationError) {
        try state.withLock { (state: inout State) throws(IntegrationError) in
            guard let index = state.clients.firstIndex(where: { $0.clientId == clientId }) else { throw .clientNotFound(clientId: clientId) }
            try persistence?.deleteRegisteredClient(clientId: clientId)
            state.clients.remove(at: index)
        }
        logger.info("registered client deleted", [("clientId", clientId)])
    }
}
