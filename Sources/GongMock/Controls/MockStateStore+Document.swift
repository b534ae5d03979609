import Essentials

/// `GET /_mock/state` and `PUT /_mock/state`: the state as a document in the seed's schema
/// (`Fixtures/seed.schema.json`), so a seed file, a saved state and a state to put are one format.
extension MockStateStore {
    /// The current state. Integrations carry their ids and secrets, so a client configured with
    /// them keeps working after a `PUT` of this document. The admin token is never included.
    public func document() -> JSONValue {
        var root = JSONObject()
        if let autoApprove = oauth.configuration.autoApproveSubject { root["autoApprove"] = .string(autoApprove) }
        let pool = ledger.pool
        root["credits"] = ["balance": .number(pool.balance.credits), "total": .number(pool.total.credits)]
        root["integrations"] = .array(integrations.list().map { integration in
            // The admin API's form with the secret in full, less the members the seed schema lacks.
            var object = AdminFormat.integration(integration, revealSecret: true, registeredClients: 0).objectValue ?? JSONObject()
            for member in ["createdAt", "secretRotatedAt", "registeredClients"] { object[member] = nil }
            return .object(object)
        })
        root["faults"] = .array(faults.faults.map { .object($0.spec.json) })
        root["clock"] = .string(UTCTimestamp.iso8601(clock.now()))
        return .object(root)
    }

    /// Replaces the state with `bytes` (a seed document): validated completely first, then
    /// applied as one transaction, so a mistake changes nothing. Members left out keep their
    /// current value; `integrations`, when given, replaces the whole list (and the grants and
    /// sessions of clients no longer present stop working).
    public func replace(with bytes: [UInt8], adminToken: String) throws(AdminAPIError) {
        let seed: SeedFile
        do {
            seed = try SeedFile.parse(bytes, fileName: "state")
        } catch {
            throw AdminAPIError(invalid: "invalid_state", error)
        }
        if let token = seed.adminToken, token != adminToken {
            throw .badRequest("invalid_state", "adminToken: the admin token cannot change while the server runs; leave it out")
        }
        if seed.adminLoginToken != nil {
            throw .badRequest("invalid_state", "adminLoginToken: login tokens cannot be set while the server runs; leave it out")
        }
        if let email = seed.autoApprove {
            guard let user = company.user(email: email) ?? company.user(id: email), user.mayUseMCPServer else {
                throw .badRequest("invalid_state", "autoApprove: \"\(email)\" is not a user of the company fixture with a paid, active seat")
            }
        }
        let provided = Set(Self.providedKeys(bytes))
        try transaction { () throws(AdminAPIError) in
            if provided.contains("integrations") {
                integrations.restore(IntegrationStore.emptySnapshot)
                do throws(IntegrationError) {
                    _ = try integrations.applySeed(seed.integrations)
                } catch {
                    throw .badRequest("invalid_state", "integrations: \(error.message)")
                }
            }
            if let credits = seed.credits {
                ledger.replacePool(balance: CreditAmount(credits: credits.balance), total: CreditAmount(credits: credits.total))
            }
            if provided.contains("faults") {
                faults.removeAll()
                for spec in seed.faults { faults.add(spec) }
            }
            if let start = seed.clock { ClockControl(clock: clock).set(to: start) }
            if provided.contains("autoApprove") { oauth.updateConfiguration { $0.autoApproveSubject = seed.autoApprove } }
        }
        logger.notice("state replaced", [("members", provided.sorted().joined(separator: ","))])
    }

    static func providedKeys(_ bytes: [UInt8]) -> [String] {
        (try? JSONParser.parse(bytes))?.objectValue?.keys ?? []
    }
}

extension IntegrationStore {
    /// No integrations, no registered clients.
    static var emptySnapshot: Snapshot { Snapshot(state: State()) }
}
