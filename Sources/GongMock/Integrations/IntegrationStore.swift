import Essentials
import Synchronization

/// The tech admin's MCP integrations and the OAuth clients registered under AUTOMATIC ones.
///
/// Thread-safe (`Mutex`); reads come from memory; every mutation is written through to the
/// optional `IntegrationPersistence` under the lock and applied in memory only once that write
/// succeeded, so what was acknowledged survives a restart. Lists keep creation order.
public final class IntegrationStore: Sendable {
    struct State: Sendable {
        var integrations: [MCPIntegration] = []
        var clients: [RegisteredClient] = []
    }

    let state: Mutex<State>
    let clock: any ServerClock
    let persistence: (any IntegrationPersistence)?
    let logger: Logger
    /// Where generated ids and secrets come from (seeded with `--random-seed`).
    let random: RandomSource

    /// - Parameters:
    ///   - integrations, registeredClients: what was loaded from the state database at start.
    public init(clock: any ServerClock, persistence: (any IntegrationPersistence)? = nil,
                logger: Logger = Logger(category: "integrations"),
                integrations: [MCPIntegration] = [], registeredClients: [RegisteredClient] = [], random: RandomSource = .system) {
        self.random = random
        self.clock = clock
        self.persistence = persistence
        self.logger = logger
        self.state = Mutex(State(integrations: integrations, clients: registeredClients))
    }

    // MARK: Reads

    public func list() -> [MCPIntegration] { state.withLock { $0.integrations } }

    public func get(id: String) -> MCPIntegration? { state.withLock { $0.integrations.first { $0.id == id } } }

    /// The integration whose Gong-generated client_id this is (MANUAL clients).
    public func integration(clientId: String) -> MCPIntegration? {
        state.withLock { $0.integrations.first { $0.clientId == clientId } }
    }

    // MARK: Mutations

    public func create(_ draft: IntegrationDraft) throws(IntegrationError) -> MCPIntegration {
        let name = try Self.validName(draft.name)
        let redirectURIs = try Self.validRedirectURIs(draft.redirectURIs, chatGPTDynamic: draft.chatGPTDynamicRedirect)
        let scopes = try MCPScope.parse(draft.scopes)
        for (field, value) in [("clientId", draft.clientId), ("clientSecret", draft.clientSecret)] {
            if let value, !CredentialGenerator.isAcceptableFixedCredential(value) {
                throw .invalidCredential("\(field): a fixed credential must be 8 to 256 printable ASCII characters without spaces or ':'.")
            }
        }
        let created: MCPIntegration = try state.withLock { (state: inout State) throws(IntegrationError) -> MCPIntegration in
            var id = draft.id ?? CredentialGenerator.integrationId(using: random)
            if draft.id == nil {
                while state.integrations.contains(where: { $0.id == id }) { id = CredentialGenerator.integrationId(using: random) }
            } else if state.integrations.contains(where: { $0.id == id }) {
                throw .invalidCredential("id: an integration with id '\(id)' already exists.")
            }
            let clientId = draft.clientId ?? CredentialGenerator.clientId(using: random)
            if Self.clientIdInUse(clientId, in: state) { throw .duplicateClientId(clientId) }
            let integration = MCPIntegration(
                id: id, name: name, authorizationContext: draft.authorizationContext, registrationType: draft.registrationType,
                redirectURIs: redirectURIs, chatGPTDynamicRedirect: draft.chatGPTDynamicRedirect, scopes: scopes,
                clientId: clientId, clientSecret: draft.clientSecret ?? CredentialGenerator.clientSecret(using: random), createdAt: clock.now())
            try persistence?.saveIntegration(integration)
            state.integrations.append(integration)
            return integration
        }
        logger.info("integration created", [("id", created.id), ("name", created.name), ("clientId", created.clientId),
                                            ("clientSecret", Redact.secret(created.clientSecret)),
                                            ("context", created.authorizationContext.rawValue), ("registration", created.registrationType.rawValue)])
        return created
    }

    /// Applies the editable fields. Authorization context and registration type are not in
    /// `IntegrationChanges` at all: the API refuses them before reaching here.
    public func update(id: String, _ changes: IntegrationChanges) throws(IntegrationError) -> MCPIntegration {
        let name = try changes.name.map { (name: String) throws(IntegrationError) -> String in try Self.validName(name) }
        let scopes = try changes.scopes.map { (names: [String]) throws(IntegrationError) -> [MCPScope] in try MCPScope.parse(names) }
        let updated: MCPIntegration = try state.withLock { (state: inout State) throws(IntegrationError) -> MCPIntegration in
            guard let index = state.integrations.firstIndex(where: { $0.id == id }) else { throw .notFound(id: id) }
            var integration = state.integrations[index]
            if let name { integration.name = name }
            if let scopes { integration.scopes = scopes }
            if let flag = changes.chatGPTDynamicRedirect { integration.chatGPTDynamicRedirect = flag }
            if let lines = changes.redirectURIs {
                integration.redirectURIs = try Self.validRedirectURIs(lines, chatGPTDynamic: integration.chatGPTDynamicRedirect)
            } else if integration.redirectURIs.isEmpty, !integration.chatGPTDynamicRedirect {
                throw .noRedirectURIs
            }
            try persistence?.saveIntegration(integration)
            state.integrations[index] = integration
            return integration
        }
        logger.info("integration updated", [("id", id), ("name", updated.name), ("redirectURIs", updated.redirectURIs.joined(separator: " "))])
        return updated
    }

    /// Replaces the client secret; the old one stops working at once.
    public func rotateSecret(id: String) throws(IntegrationError) -> MCPIntegration {
        let now = clock.now()
        let rotated: MCPIntegration = try state.withLock { (state: inout State) throws(IntegrationError) -> MCPIntegration in
            guard let index = state.integrations.firstIndex(where: { $0.id == id }) else { throw .notFound(id: id) }
            var integration = state.integrations[index]
            integration.clientSecret = CredentialGenerator.clientSecret(using: random)
            integration.secretRotatedAt = now
            try persistence?.saveIntegration(integration)
            state.integrations[index] = integration
            return integration
        }
        logger.info("integration secret rotated", [("id", id), ("clientSecret", Redact.secret(rotated.clientSecret))])
        return rotated
    }

    /// Deletes the integration and the clients registered under it; returns what was removed so
    /// the caller can revoke their tokens.
    @discardableResult
    public func delete(id: String) throws(IntegrationError) -> (integration: MCPIntegration, registeredClients: [RegisteredClient]) {
        let removed = try state.withLock { (state: inout State) throws(IntegrationError) -> (MCPIntegration, [RegisteredClient]) in
            guard let index = state.integrations.firstIndex(where: { $0.id == id }) else { throw .notFound(id: id) }
            try persistence?.deleteIntegration(id: id)
            let integration = state.integrations.remove(at: index)
            let clients = state.clients.filter { $0.integrationId == id }
            state.clients.removeAll { $0.integrationId == id }
            return (integration, clients)
        }
        logger.info("integration deleted", [("id", id), ("name", removed.0.name), ("registeredClients", String(removed.1.count))])
        return removed
    }

    // MARK: Validation

    static func validName(_ raw: String) throws(IntegrationError) -> String {
        let name = RedirectURIRules.trim(raw)
        guard !name.isEmpty else { throw .invalidName("Integration name is required.") }
        guard name.count <= 100 else { throw .invalidName("Integration name may be at most 100 characters (got \(name.count)).") }
        guard !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw .invalidName("Integration name must not contain control characters.")
        }
        return name
    }

    static func validRedirectURIs(_ lines: [String], chatGPTDynamic: Bool) throws(IntegrationError) -> [String] {
        let (uris, rejections) = RedirectURIRules.normalize(lines)
        guard rejections.isEmpty else { throw .invalidRedirectURIs(rejections) }
        guard !uris.isEmpty || chatGPTDynamic else { throw .noRedirectURIs }
        return uris
    }

    static func clientIdInUse(_ clientId: String, in state: State) -> Bool {
        state.integrations.contains { $0.clientId == clientId } || state.clients.contains { $0.clientId == clientId }
    }
}

extension IntegrationStore {
    /// Creates the seed file's integrations that are not there yet. With `--state-dir` the seed is
    /// applied on every start, so a draft whose fixed id or client id already exists is skipped
    /// (the stored one, possibly edited since, wins). Returns the integrations created now.
    @discardableResult
    public func applySeed(_ drafts: [IntegrationDraft]) throws(IntegrationError) -> [MCPIntegration] {
        var created: [MCPIntegration] = []
        for draft in drafts {
            let existing = list()
            if let id = draft.id, existing.contains(where: { $0.id == id }) { continue }
            if let clientId = draft.clientId, existing.contains(where: { $0.clientId == clientId }) { continue }
            if draft.id == nil, draft.clientId == nil, existing.contains(where: { $0.name == draft.name }) { continue }
            created.append(try create(draft))
        }
        return created
    }
}
