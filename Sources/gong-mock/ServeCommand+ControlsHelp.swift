import GongMock

/// The test controls in `gong-mock serve --help`: every `/_mock` route and fault kind.
extension ServeCommand {
    static var controlsHelp: String {
        let kinds = FaultKind.allCases.map { kind in
            let parameters = kind.parameters.map(\.name).filter { !["times", "clientId", "integrationId"].contains($0) }
            return "  \(kind.rawValue)\(parameters.isEmpty ? "" : " (" + parameters.joined(separator: ", ") + ")"): \(kind.effect)"
        }
        return """
            Test controls (same port, Authorization: Bearer <adminToken>):
              GET, PUT /_mock/state   the state in Fixtures/seed.schema.json: integrations,
                                      registeredClients, oauthGrants (refresh tokens by
                                      hash: they keep working after a PUT), credits,
                                      creditsExhausted, autoApprove, faults, clock,
                                      company.anchoredAt (the day fixture times count from)
              POST /_mock/reset       back to the seed the server started with; company
                                      data re-anchored to the clock's now
              POST /_mock/snapshot    -> {"id"} (kept in memory; gone after a restart)
              POST /_mock/restore     {"id"}
                                      with --state-dir, PUT/reset/restore are each one
                                      SQLite transaction: after a kill -9 the file holds
                                      the old or the new state, never a mix
              GET, POST, DELETE /_mock/faults
              GET, DELETE /_mock/faults/{id}
              GET /_mock/faults/kinds
              GET, POST /_mock/clock  {"advance": "2h"} or {"set": ISO 8601}
            Fault kinds (all take times; client-aimed ones clientId, integrationId):
            \(kinds.joined(separator: "\n"))
            """
    }
}
