/// The seed's per-run OAuth state (`registeredClients`, `oauthGrants`), applied at start the way
/// `PUT /_mock/state` applies it, with the same checks and messages.
extension GongMockApplication {
    static func applySeedClients(_ seed: SeedFile, to integrations: IntegrationStore, persistent: Bool) throws(GongMockStartupError) {
        if persistent, !seed.registeredClients.isEmpty || !seed.oauthGrants.isEmpty {
            throw GongMockStartupError("seed: registeredClients and oauthGrants need in-memory state; leave them out with --state-dir (the database keeps its own)")
        }
        guard !seed.registeredClients.isEmpty else { return }
        do throws(IndexedIntegrationError) {
            try integrations.replaceRegisteredClients(seed.registeredClients)
        } catch {
            throw GongMockStartupError("seed: registeredClients[\(error.index)].\(error.member): \(error.message)")
        }
    }
}
