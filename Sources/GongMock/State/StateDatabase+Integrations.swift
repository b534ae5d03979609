import Essentials

/// Integrations and DCR-registered clients, written through by `IntegrationStore`.
extension StateDatabase: IntegrationPersistence {
    public func saveIntegration(_ integration: MCPIntegration) throws(IntegrationError) {
        try writeThrough { (db: Access) throws(StateDatabaseError) in
            try db.run("""
                INSERT INTO integrations (id, name, authorization_context, registration_type, redirect_uris, chatgpt_dynamic,
                    scopes, client_id, client_secret, created_at, secret_rotated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, redirect_uris = excluded.redirect_uris,
                    chatgpt_dynamic = excluded.chatgpt_dynamic, scopes = excluded.scopes,
                    client_secret = excluded.client_secret, secret_rotated_at = excluded.secret_rotated_at
                """, [
                    .text(integration.id), .text(integration.name), .text(integration.authorizationContext.rawValue),
                    .text(integration.registrationType.rawValue), .text(Self.jsonArray(integration.redirectURIs)),
                    .integer(integration.chatGPTDynamicRedirect ? 1 : 0), .text(Self.jsonArray(integration.scopes.map(\.rawValue))),
                    .text(integration.clientId), .text(integration.clientSecret), .real(integration.createdAt),
                    integration.secretRotatedAt.map(SQLiteValue.real) ?? .null,
                ])
        }
    }

    public func deleteIntegration(id: String) throws(IntegrationError) {
        try writeThrough { (db: Access) throws(StateDatabaseError) in
            try db.run("DELETE FROM registered_clients WHERE integration_id = ?", [.text(id)])
            try db.run("DELETE FROM integrations WHERE id = ?", [.text(id)])
        }
    }

    public func saveRegisteredClient(_ client: RegisteredClient) throws(IntegrationError) {
        try writeThrough { (db: Access) throws(StateDatabaseError) in
            try db.run("""
                INSERT OR REPLACE INTO registered_clients (client_id, client_secret, auth_method, redirect_uris, name, integration_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [
                    .text(client.clientId), client.clientSecret.map(SQLiteValue.text) ?? .null, .text(client.authMethod.rawValue),
                    .text(Self.jsonArray(client.redirectURIs)), client.name.map(SQLiteValue.text) ?? .null,
                    .text(client.integrationId), .real(client.createdAt),
                ])
        }
    }

    public func deleteRegisteredClient(clientId: String) throws(IntegrationError) {
        try writeThrough { (db: Access) throws(StateDatabaseError) in
            try db.run("DELETE FROM registered_clients WHERE client_id = ?", [.text(clientId)])
        }
    }

    /// Every stored integration, in creation order. A row that does not decode is reported as corruption.
    public func loadIntegrations() throws(StateDatabaseError) -> [MCPIntegration] {
        try read { (db: Access) throws(StateDatabaseError) -> [MCPIntegration] in
            try db.rows("""
                SELECT id, name, authorization_context, registration_type, redirect_uris, chatgpt_dynamic, scopes,
                    client_id, client_secret, created_at, secret_rotated_at FROM integrations ORDER BY rowid
                """) { (row: SQLiteStatement) throws(StateDatabaseError) -> MCPIntegration in
                let id = row.text(0) ?? ""
                guard let name = row.text(1), let context = row.text(2).flatMap(AuthorizationContext.init(rawValue:)),
                      let registration = row.text(3).flatMap(RegistrationType.init(rawValue:)),
                      let uris = row.text(4).flatMap(Self.parseJSONArray), let scopeNames = row.text(6).flatMap(Self.parseJSONArray),
                      let clientId = row.text(7), let secret = row.text(8), let createdAt = row.double(9) else {
                    throw db.corrupt("integrations row '\(id)' has a missing or invalid column")
                }
                let scopes = scopeNames.compactMap(MCPScope.init(rawValue:))
                guard scopes.count == scopeNames.count else { throw db.corrupt("integrations row '\(id)' has an unknown scope") }
                return MCPIntegration(id: id, name: name, authorizationContext: context, registrationType: registration,
                                      redirectURIs: uris, chatGPTDynamicRedirect: row.int64(5) == 1, scopes: scopes,
                                      clientId: clientId, clientSecret: secret, createdAt: createdAt, secretRotatedAt: row.double(10))
            }
        }
    }

    public func loadRegisteredClients() throws(StateDatabaseError) -> [RegisteredClient] {
        try read { (db: Access) throws(StateDatabaseError) -> [RegisteredClient] in
            try db.rows("""
                SELECT client_id, client_secret, auth_method, redirect_uris, name, integration_id, created_at
                FROM registered_clients ORDER BY rowid
                """) { (row: SQLiteStatement) throws(StateDatabaseError) -> RegisteredClient in
                let clientId = row.text(0) ?? ""
                guard let method = row.text(2).flatMap(RegisteredClient.AuthMethod.init(rawValue:)),
                      let uris = row.text(3).flatMap(Self.parseJSONArray), let integrationId = row.text(5),
                      let createdAt = row.double(6) else {
                    throw db.corrupt("registered_clients row '\(clientId)' has a missing or invalid column")
                }
                return RegisteredClient(clientId: clientId, clientSecret: row.isNull(1) ? nil : row.text(1), authMethod: method,
                                        redirectURIs: uris, name: row.isNull(4) ? nil : row.text(4),
                                        integrationId: integrationId, createdAt: createdAt)
            }
        }
    }

    /// One committed transaction; a database failure becomes the store's error type.
    private func writeThrough(_ body: (Access) throws(StateDatabaseError) -> Void) throws(IntegrationError) {
        do { try transaction(body) } catch { throw .storage(error.description) }
    }

    static func jsonArray(_ strings: [String]) -> String {
        JSONSerializer.string(.array(strings.map(JSONValue.string)))
    }

    static func parseJSONArray(_ text: String) -> [String]? {
        guard let elements = (try? JSONParser.parse(text))?.arrayValue else { return nil }
        let strings = elements.compactMap(\.stringValue)
        return strings.count == elements.count ? strings : nil
    }
}
