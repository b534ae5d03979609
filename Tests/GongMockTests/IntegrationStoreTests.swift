import Essentials
import Testing
@testable import GongMock

@Suite struct IntegrationStoreTests {
    let clock = ManualClock(startingAt: 1_790_000_000)

    func store() -> IntegrationStore { IntegrationStore(clock: clock) }

    @Test func createsWithDefaultsAndGeneratedCredentials() throws {
        let store = store()
        let created = try store.create(IntegrationDraft(name: "  Claude ", redirectURIs: ["https://claude.ai/api/mcp/auth_callback", ""]))
        #expect(created.name == "Claude")
        #expect(created.authorizationContext == .personal)
        #expect(created.registrationType == .manual)
        #expect(created.scopes == MCPScope.all)
        #expect(created.redirectURIs == ["https://claude.ai/api/mcp/auth_callback"])
        #expect(created.clientId.count == 24 && created.clientSecret.count == 48)
        #expect(created.createdAt == 1_790_000_000)
        #expect(created.maskedSecret == "••••••••" + created.clientSecret.suffix(4))
        let other = try store.create(IntegrationDraft(name: "B", redirectURIs: ["https://b.example/cb"]))
        #expect(other.clientId != created.clientId && other.clientSecret != created.clientSecret && other.id != created.id)
        #expect(store.list().map(\.name) == ["Claude", "B"])
        #expect(store.integration(clientId: created.clientId)?.id == created.id)
    }

    @Test func refusesUnknownScopeByName() {
        #expect(throws: IntegrationError.unknownScope("mcp:admin")) {
            try store().create(IntegrationDraft(name: "X", redirectURIs: ["https://x.example/cb"], scopes: ["mcp:ai-ask:read", "mcp:admin"]))
        }
    }

    @Test func refusesMissingRedirectUnlessChatGPT() throws {
        #expect(throws: IntegrationError.noRedirectURIs) { try store().create(IntegrationDraft(name: "X", redirectURIs: ["  "])) }
        let chatGPT = try store().create(IntegrationDraft(name: "ChatGPT", redirectURIs: [], chatGPTDynamicRedirect: true))
        #expect(chatGPT.matchRedirect("https://chatgpt.com/connector/oauth/abc123").isAllowed)
    }

    @Test func editsOnlyEditableFieldsAndRotates() throws {
        let store = store()
        let created = try store.create(IntegrationDraft(name: "A", authorizationContext: .shared, redirectURIs: ["https://a.example/cb"]))
        let updated = try store.update(id: created.id, IntegrationChanges(name: "A2", redirectURIs: ["https://a.example/cb2"], scopes: ["mcp:ai-ask:read"]))
        #expect(updated.name == "A2" && updated.redirectURIs == ["https://a.example/cb2"] && updated.scopes == [.aiAsk])
        #expect(updated.authorizationContext == .shared && updated.clientSecret == created.clientSecret)
        clock.advance(by: 10)
        let rotated = try store.rotateSecret(id: created.id)
        #expect(rotated.clientSecret != created.clientSecret && rotated.clientId == created.clientId)
        #expect(rotated.secretRotatedAt == 1_790_000_010)
        #expect(throws: IntegrationError.notFound(id: "nope")) { try store.rotateSecret(id: "nope") }
    }

    @Test func immutableWordingIsGongs() {
        #expect(IntegrationError.immutableField("authorizationContext").message
                == "authorizationContext: This setting can't be changed once you've submitted the integration.")
    }

    @Test func registersClientsOnlyUnderAutomaticIntegrations() throws {
        let store = store()
        let manual = try store.create(IntegrationDraft(name: "M", redirectURIs: ["https://m.example/cb"]))
        let automatic = try store.create(IntegrationDraft(name: "Auto", registrationType: .automatic, redirectURIs: ["http://localhost/cb"]))
        #expect(throws: IntegrationError.notAutomatic(integrationName: "M")) {
            try store.registerClient(RegisteredClientDraft(integrationId: manual.id, authMethod: .none, redirectURIs: ["https://m.example/cb"], name: nil))
        }
        #expect(throws: IntegrationError.self) {
            try store.registerClient(RegisteredClientDraft(integrationId: automatic.id, authMethod: .none, redirectURIs: ["https://evil.example/cb"], name: nil))
        }
        let client = try store.registerClient(RegisteredClientDraft(integrationId: automatic.id, authMethod: .clientSecretBasic,
                                                                    redirectURIs: ["http://localhost:5555/cb"], name: "Inspector"))
        #expect(client.clientSecret != nil && store.registeredClient(clientId: client.clientId) == client)
        #expect(client.matchRedirect("http://localhost:6000/cb").isAllowed)
        let removed = try store.delete(id: automatic.id)
        #expect(removed.registeredClients == [client])
        #expect(store.registeredClient(clientId: client.clientId) == nil)
    }

    @Test func fixedCredentialsAndSeedIsIdempotent() throws {
        let store = store()
        let draft = IntegrationDraft(name: "CI", redirectURIs: ["http://127.0.0.1/cb"], clientId: "ci-client-0001", clientSecret: "ci-secret-0123456789", id: "42")
        let created = try store.applySeed([draft])
        #expect(created.first?.clientId == "ci-client-0001" && created.first?.clientSecret == "ci-secret-0123456789" && created.first?.id == "42")
        #expect(try store.applySeed([draft]).isEmpty)
        #expect(throws: IntegrationError.duplicateClientId("ci-client-0001")) {
            try store.create(IntegrationDraft(name: "Other", redirectURIs: ["https://x.example/cb"], clientId: "ci-client-0001"))
        }
    }

    @Test func secretsAreNotLogged() throws {
        let sink = MemoryLogSink()
        let store = IntegrationStore(clock: clock, logger: Logger(category: "t", sink: sink, clock: clock))
        let created = try store.create(IntegrationDraft(name: "A", redirectURIs: ["https://a.example/cb"]))
        let rotated = try store.rotateSecret(id: created.id)
        for record in sink.records {
            for (_, value) in record.fields {
                #expect(!value.contains(created.clientSecret) && !value.contains(rotated.clientSecret))
            }
        }
    }
}
