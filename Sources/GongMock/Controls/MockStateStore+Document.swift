import Essentials
import OAuth

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
        root["creditsExhausted"] = .string(ledger.exhaustionMode.rawValue)
        root["registeredClients"] = .array(integrations.registeredClients().map(Self.json(client:)))
        root["oauthGrants"] = .array(exportedGrants().map(Self.json(grant:)))
        root["faults"] = .array(faults.faults.map { .object($0.spec.json) })
        root["clock"] = .string(UTCTimestamp.iso8601(clock.now()))
        if let anchor = company.current.anchor { root["company"] = ["anchoredAt": .string(UTCTimestamp.iso8601(anchor))] }
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
            let company = self.company.current
            guard let user = company.user(email: email) ?? company.user(id: email), user.mayUseMCPServer else {
                throw .badRequest("invalid_state", "autoApprove: \"\(email)\" is not a user of the company fixture with a paid, active seat")
            }
        }
        let provided = Set(Self.providedKeys(bytes))
        try checkSupported()
        if database != nil {
            try replacePersisted(seed, provided: provided)
            logger.notice("state replaced", [("members", provided.sorted().joined(separator: ","))])
            return
        }
        try transaction { () throws(AdminAPIError) in
            if let draft = try draftIntegrations(seed, provided: provided) { integrations.restore(draft.snapshot()) }
            if provided.contains("oauthGrants") {
                try Self.checkGrantClients(seed.oauthGrants, integrations: integrations)
                oauth.replaceGrants(seed.oauthGrants)
            }
            if let mode = seed.creditsExhausted { ledger.exhaustionMode = mode }
            if let credits = seed.credits {
                ledger.replacePool(balance: CreditAmount(credits: credits.balance), total: CreditAmount(credits: credits.total))
            }
            if provided.contains("faults") {
                faults.removeAll()
                for spec in seed.faults { faults.add(spec) }
            }
            if let start = seed.clock { ClockControl(clock: clock).set(to: start) }
            // Like a seed at start-up: the company anchored where the document says, else to the clock it sets.
            if let anchor = seed.companyAnchor ?? seed.clock.map({ _ in clock.now() }) { company.reanchor(to: anchor) }
            if provided.contains("autoApprove") { oauth.updateConfiguration { $0.autoApproveSubject = seed.autoApprove } }
        }
        logger.notice("state replaced", [("members", provided.sorted().joined(separator: ","))])
    }

    /// Every grant belongs to a client that exists once the document is applied.
    static func checkGrantClients(_ grants: [OAuthServer.ExportedGrant], integrations: IntegrationStore) throws(AdminAPIError) {
        for (index, exported) in grants.enumerated() {
            let clientId = exported.grant.clientID
            guard integrations.integration(clientId: clientId) != nil || integrations.registeredClient(clientId: clientId) != nil else {
                throw .badRequest("invalid_state", "oauthGrants[\(index)].clientId: \"\(clientId)\" is neither an integration's client id nor a registered client")
            }
        }
    }

    static func json(client: RegisteredClient) -> JSONValue {
        var object = JSONObject()
        object["clientId"] = .string(client.clientId)
        object["authMethod"] = .string(client.authMethod.rawValue)
        object["redirectURIs"] = .array(client.redirectURIs.map(JSONValue.string))
        object["integrationId"] = .string(client.integrationId)
        object["createdAt"] = .string(UTCTimestamp.iso8601(client.createdAt))
        if let secret = client.clientSecret { object["clientSecret"] = .string(secret) }
        if let name = client.name { object["name"] = .string(name) }
        return .object(object)
    }

    /// Refresh tokens appear by hash only; the tokens themselves are never stored.
    static func json(grant exported: OAuthServer.ExportedGrant) -> JSONValue {
        let grant = exported.grant
        var object = JSONObject()
        object["id"] = .string(grant.id)
        object["clientId"] = .string(grant.clientID)
        object["subjectId"] = .string(grant.subjectID)
        object["scopes"] = .array(grant.scopes.map(JSONValue.string))
        object["createdAt"] = .string(UTCTimestamp.iso8601(grant.createdAt))
        if let resource = grant.resource { object["resource"] = .string(resource) }
        if !grant.claims.isEmpty { object["claims"] = .object(grant.claims) }
        if let revokedAt = grant.revokedAt { object["revokedAt"] = .string(UTCTimestamp.iso8601(revokedAt)) }
        if let reason = grant.revocationReason { object["revocationReason"] = .string(reason) }
        object["refreshTokens"] = .array(exported.refreshTokens.map { token in
            var entry = JSONObject()
            entry["hash"] = .string(token.tokenHash)
            entry["issuedAt"] = .string(UTCTimestamp.iso8601(token.issuedAt))
            if let expiresAt = token.expiresAt { entry["expiresAt"] = .string(UTCTimestamp.iso8601(expiresAt)) }
            if let rotatedAt = token.rotatedAt { entry["rotatedAt"] = .string(UTCTimestamp.iso8601(rotatedAt)) }
            if let replaced = token.replacedByHash { entry["replacedByHash"] = .string(replaced) }
            return .object(entry)
        })
        return .object(object)
    }

    static func providedKeys(_ bytes: [UInt8]) -> [String] {
        (try? JSONParser.parse(bytes))?.objectValue?.keys ?? []
    }
}

extension IntegrationStore {
    /// No integrations, no registered clients.
    static var emptySnapshot: Snapshot { Snapshot(state: State()) }
}
