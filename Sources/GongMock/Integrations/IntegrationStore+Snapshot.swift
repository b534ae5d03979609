extension IntegrationStore {
    /// Integrations (with ids and secrets) and registered clients at one instant.
    /// With the random source's position, so a restored seeded run hands out the same ids again.
    public struct Snapshot: Sendable {
        let state: State
        var randomPosition: UInt64? = nil
    }

    public func snapshot() -> Snapshot { state.withLock { Snapshot(state: $0, randomPosition: random.position) } }

    /// In memory only: the mock refuses snapshots while it persists state (`--state-dir`).
    public func restore(_ snapshot: Snapshot) {
        state.withLock { $0 = snapshot.state }
        random.restore(position: snapshot.randomPosition)
    }
}

extension IntegrationStore {
    /// Replaces the registered clients (`PUT /_mock/state`'s `registeredClients`), each checked as
    /// a registration would be (RFC 7591): its integration exists and is AUTOMATIC, its redirect
    /// URIs pass the integration's rules, its client id is nobody else's. Nothing changes on a refusal.
    /// The error names the client by its index in `clients`.
    func replaceRegisteredClients(_ clients: [RegisteredClient]) throws(IndexedIntegrationError) {
        try state.withLock { (state: inout State) throws(IndexedIntegrationError) in
            for (index, client) in clients.enumerated() {
                guard let integration = state.integrations.first(where: { $0.id == client.integrationId }) else {
                    throw IndexedIntegrationError(index: index, member: "integrationId", message: "no integration with id \"\(client.integrationId)\"")
                }
                guard integration.registrationType == .automatic else {
                    throw IndexedIntegrationError(index: index, member: "integrationId",
                                                  message: "integration '\(integration.name)' is MANUAL; only AUTOMATIC integrations have registered clients")
                }
                if state.integrations.contains(where: { $0.clientId == client.clientId }) {
                    throw IndexedIntegrationError(index: index, member: "clientId", message: "\"\(client.clientId)\" is an integration's client id")
                }
                let decisions = RedirectURIRules.registrationDecisions(client.redirectURIs, registered: integration.redirectURIs,
                                                                       chatGPTDynamic: integration.chatGPTDynamicRedirect, owner: "integration '\(integration.name)'")
                if let refused = decisions.firstIndex(where: { !$0.isAllowed }) {
                    throw IndexedIntegrationError(index: index, member: "redirectURIs[\(refused)]", message: decisions[refused].explanation)
                }
            }
            state.clients = clients
        }
    }
}
