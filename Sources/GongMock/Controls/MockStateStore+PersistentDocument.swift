import Essentials
import OAuth

/// `GET`/`PUT /_mock/state` with `--state-dir`: the OAuth records live in the database, and a
/// `PUT` is built apart (a scratch database) from the members given plus the current state, then
/// written as one transaction (`writePersisted`), so a mistake or a kill -9 changes nothing.
extension MockStateStore {
    /// Grants with their refresh-token hashes, from whichever store holds them.
    func exportedGrants() -> [OAuthServer.ExportedGrant] {
        guard let database else { return oauth.exportedGrants() }
        do {
            return try SQLiteOAuthStateStore(database: database).exportedGrants()
        } catch {
            logger.error("cannot list the stored grants", [("error", error.description)])
            return []
        }
    }

    /// The persistent form of `replace(with:adminToken:)`: same members, same meaning, same errors.
    func replacePersisted(_ seed: SeedFile, provided: Set<String>) throws(AdminAPIError) {
        try serialized { () throws(AdminAPIError) in
            let current = try captureForRestore()
            guard var image = current.persisted else { return }
            let scratch = try Self.storage("preparing the new state") { () throws(StateDatabaseError) in try StateDatabase.scratch() }
            let draft = try draftIntegrations(seed, provided: provided)
            if let draft {
                try Self.storage("preparing the integrations") { () throws(StateDatabaseError) in
                    do throws(IntegrationError) {
                        for integration in draft.list() { try scratch.saveIntegration(integration) }
                        for client in draft.registeredClients() { try scratch.saveRegisteredClient(client) }
                    } catch {
                        throw StateDatabaseError(.writeFailed, path: scratch.path, error.message)
                    }
                }
            }
            if provided.contains("oauthGrants") {
                try Self.checkGrantClients(seed.oauthGrants, integrations: draft ?? integrations)
                do throws(OAuthStoreError) {
                    try SQLiteOAuthStateStore(database: scratch).put(seed.oauthGrants)
                } catch {
                    throw AdminAPIError(.internalServerError, "state_storage", "preparing the grants failed: \(error.description)")
                }
            }
            if let credits = seed.credits {
                try Self.storage("preparing the credit pool") { () throws(StateDatabaseError) in
                    try scratch.saveCreditBalance(balance: CreditAmount(credits: credits.balance).credits, total: CreditAmount(credits: credits.total).credits)
                }
            }
            let built = try Self.storage("preparing the new state") { () throws(StateDatabaseError) in try scratch.captureImage() }
            if draft != nil { image.take(StateDatabase.integrationTables, from: built) }
            if provided.contains("oauthGrants") {
                // As in memory: pending codes are dropped, access-token revocations stay.
                let replaced: Set = [SQLiteOAuthStateStore.Namespace.authorizationCodes, SQLiteOAuthStateStore.Namespace.grants,
                                     SQLiteOAuthStateStore.Namespace.refreshTokens]
                image.replaceOAuth(namespaces: replaced, from: built)
            }
            if seed.credits != nil { image.take(StateDatabase.creditTables, from: built) }
            let autoApprove = provided.contains("autoApprove") ? seed.autoApprove : oauth.configuration.autoApproveSubject
            let mode = seed.creditsExhausted ?? ledger.exhaustionMode
            try writePersisted(image, settings: StateDatabase.Settings(replacedByControl: true, autoApprove: autoApprove, creditsExhausted: mode.rawValue),
                               keepingAdminSessions: true)
            oauth.restore(current.oauth)
            if provided.contains("faults") {
                faults.removeAll()
                for spec in seed.faults { faults.add(spec) }
            }
            if let start = seed.clock { ClockControl(clock: clock).set(to: start) }
            if let anchor = seed.companyAnchor ?? seed.clock.map({ _ in clock.now() }) { company.reanchor(to: anchor) }
            oauth.updateConfiguration { $0.autoApproveSubject = autoApprove }
        }
    }

    /// The integrations and DCR clients the document asks for, checked as the in-memory path
    /// checks them, in a store that writes nowhere; nil when the document has neither member.
    func draftIntegrations(_ seed: SeedFile, provided: Set<String>) throws(AdminAPIError) -> IntegrationStore? {
        guard provided.contains("integrations") || provided.contains("registeredClients") else { return nil }
        let replacing = provided.contains("integrations")
        // Replacing the integrations drops every registered client, as in memory.
        let draft = IntegrationStore(clock: clock, logger: logger, integrations: replacing ? [] : integrations.list(),
                                     registeredClients: replacing ? [] : integrations.registeredClients(), random: integrations.random)
        if replacing {
            do throws(IntegrationError) {
                _ = try draft.applySeed(seed.integrations)
            } catch {
                throw .badRequest("invalid_state", "integrations: \(error.message)")
            }
        }
        if provided.contains("registeredClients") {
            do throws(IndexedIntegrationError) {
                try draft.replaceRegisteredClients(seed.registeredClients)
            } catch {
                throw .badRequest("invalid_state", "registeredClients[\(error.index)].\(error.member): \(error.message)")
            }
        }
        return draft
    }
}
