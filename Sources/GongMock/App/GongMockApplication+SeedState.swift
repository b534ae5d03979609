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

/// What reset returns to with `--state-dir`: the seed given at start (or the built-in default)
/// applied to an empty state directory, not what the database held before the server started.
extension GongMockApplication {
    static func persistedSettings(_ database: StateDatabase?) throws(GongMockStartupError) -> StateDatabase.Settings {
        do {
            return try database?.loadSettings() ?? StateDatabase.Settings()
        } catch {
            throw GongMockStartupError(error.description)
        }
    }

    func markInitialState(seed: SeedFile, options: GongMockOptions) throws(GongMockStartupError) {
        guard database != nil else {
            state.markInitial()
            return
        }
        let switches = StateDatabase.Settings(autoApprove: options.autoApproveEmail ?? seed.autoApprove,
                                              creditsExhausted: (options.creditExhaustion ?? seed.creditsExhausted ?? .toolError).rawValue)
        do {
            state.markInitial(seedImage: try Self.seedImage(seed, served: integrations, company: company), seedSettings: switches)
        } catch {
            throw GongMockStartupError("seed for reset: \(error)")
        }
    }

    /// The seed's integrations as this server serves them (same ids and secrets), the ones a
    /// control has since removed made again, and the seed's pool with an empty ledger.
    static func seedImage(_ seed: SeedFile, served: IntegrationStore, company: CompanyData) throws -> StateDatabase.Image {
        let existing = served.list().filter { integration in
            seed.integrations.contains { draft in
                draft.id.map { $0 == integration.id } ?? draft.clientId.map { $0 == integration.clientId } ?? (draft.name == integration.name)
            }
        }
        let draft = IntegrationStore(clock: served.clock, integrations: existing, random: served.random)
        _ = try draft.applySeed(seed.integrations)
        let scratch = try StateDatabase.scratch()
        for integration in draft.list() { try scratch.saveIntegration(integration) }
        let fallback = CreditLedger.defaultPool(for: company)
        let balance = seed.credits.map { CreditAmount(credits: $0.balance) } ?? fallback
        let total = seed.credits.map { CreditAmount(credits: $0.total) } ?? fallback
        try scratch.saveCreditBalance(balance: balance.credits, total: total.credits)
        return try scratch.captureImage()
    }
}
