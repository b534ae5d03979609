import Essentials
import Foundation
import Testing
@testable import GongMock

@Suite struct StateDatabaseTests {
    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "gong-mock-state-" + CredentialGenerator.randomString(count: 10)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func everythingComesBackAfterReopen() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = ManualClock()
        var expectedIntegrations: [MCPIntegration] = []
        var expectedClients: [RegisteredClient] = []
        do {
            let database = try StateDatabase(directory: directory)
            let store = IntegrationStore(clock: clock, persistence: database)
            let claude = try store.create(IntegrationDraft(name: "Claude", redirectURIs: RedirectURIRules.claudeCallbacks))
            let auto = try store.create(IntegrationDraft(name: "Auto", authorizationContext: .shared, registrationType: .automatic,
                                                         redirectURIs: ["http://localhost/cb"], chatGPTDynamicRedirect: true, scopes: ["mcp:ai-briefer:read"]))
            let gone = try store.create(IntegrationDraft(name: "Gone", registrationType: .automatic, redirectURIs: ["https://g.example/cb"]))
            _ = try store.registerClient(RegisteredClientDraft(integrationId: gone.id, authMethod: .none, redirectURIs: ["https://g.example/cb"], name: nil))
            _ = try store.update(id: claude.id, IntegrationChanges(name: "Claude (prod)"))
            _ = try store.rotateSecret(id: claude.id)
            _ = try store.registerClient(RegisteredClientDraft(integrationId: auto.id, authMethod: .clientSecretPost, redirectURIs: ["http://localhost:1234/cb"], name: "Inspector"))
            _ = try store.registerClient(RegisteredClientDraft(integrationId: auto.id, authMethod: .none, redirectURIs: ["https://chatgpt.com/connector/oauth/abc"], name: nil))
            try store.delete(id: gone.id)
            expectedIntegrations = store.list()
            expectedClients = store.registeredClients()

            try database.saveCreditBalance(balance: 100, total: 200)
            let usage = CreditUsage(featureType: "MCP server", featureName: "ask_deal", usageAction: "On demand", integration: "Claude",
                                    userID: "7", breakdown: CreditUsageBreakdown(calls: 1, longCalls: 1, emails: 5))
            try database.recordCreditRow(.init(sequence: 1, usageTime: 5, kind: 1, balanceAfterHundredths: 9_850),
                                         newKind: CreditUsageKind(usage: usage, creditsUsed: 1.5), balance: 98.5, total: 200)
            try database.oauthPut(namespace: "signing-keys", key: "k1", value: "-----BEGIN PRIVATE KEY-----\nabc\n")
            try database.oauthApply([.put(namespace: "refresh-tokens", entry: .init(key: "h1", value: "{}", expiresAt: 10)),
                                     .put(namespace: "refresh-tokens", entry: .init(key: "h2", value: "{\"a\":1}"))])
            try database.oauthDelete(namespace: "refresh-tokens", key: "h1")
        }
        let reopened = try StateDatabase(directory: directory)
        #expect(try reopened.loadIntegrations() == expectedIntegrations)
        #expect(try reopened.loadRegisteredClients() == expectedClients)
        #expect(expectedIntegrations.count == 2 && expectedClients.count == 2)
        #expect(expectedIntegrations[0].name == "Claude (prod)" && expectedIntegrations[0].secretRotatedAt != nil)
        let balance = try reopened.loadCreditBalance()
        #expect(balance?.balance == 98.5 && balance?.total == 200)
        let rows = try reopened.creditRows(after: 0, in: nil, limit: 10)
        #expect(rows == [.init(sequence: 1, usageTime: 5, kind: 1, balanceAfterHundredths: 9_850)])
        #expect(try reopened.loadCreditKinds()[1]?.usage.usageBreakdown == "1 call (1 over 10 min), 5 emails, 0 web searches")
        #expect(try reopened.lastCreditSequence() == 1)
        #expect(try reopened.oauthGet(namespace: "signing-keys", key: "k1")?.value == "-----BEGIN PRIVATE KEY-----\nabc\n")
        #expect(try reopened.oauthEntries(namespace: "refresh-tokens") == [.init(key: "h2", value: "{\"a\":1}")])
        let store = IntegrationStore(clock: clock, persistence: reopened, integrations: try reopened.loadIntegrations(),
                                     registeredClients: try reopened.loadRegisteredClients())
        #expect(store.integration(clientId: expectedIntegrations[0].clientId)?.clientSecret == expectedIntegrations[0].clientSecret)
    }

    @Test func corruptFileIsRefusedAndLeftAlone() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/" + StateDatabase.fileName
        let garbage = Data(repeating: 0x5A, count: 8192)
        try garbage.write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try StateDatabase(directory: directory)
        } throws: { error in
            guard let error = error as? StateDatabaseError else { return false }
            return error.kind == .corrupt && error.description.contains(path) && error.description.contains("never reset")
        }
        #expect(FileManager.default.contents(atPath: path) == garbage)
    }

    @Test func futureSchemaVersionIsRefused() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let database = try StateDatabase(directory: directory)
            try database.transaction { (db: StateDatabase.Access) throws(StateDatabaseError) in
                try db.run("UPDATE meta SET value = ? WHERE key = ?", [.text("99"), .text("schema_version")])
            }
        }
        #expect {
            _ = try StateDatabase(directory: directory)
        } throws: { error in
            guard let error = error as? StateDatabaseError else { return false }
            return error.kind == .unsupportedVersion && error.description.contains("schema version 99") && error.description.contains(StateDatabase.fileName)
        }
    }

    @Test func foreignSQLiteFileIsRefused() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let database = try StateDatabase(directory: directory)
            try database.transaction { (db: StateDatabase.Access) throws(StateDatabaseError) in try db.run("DROP TABLE meta") }
        }
        #expect(throws: StateDatabaseError.self) { _ = try StateDatabase(directory: directory) }
    }

    @Test func walAndFullSynchronousAreOn() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try StateDatabase(directory: directory)
        let modes = try database.read { (db: StateDatabase.Access) throws(StateDatabaseError) -> [String] in
            let journal = try db.rows("PRAGMA journal_mode") { $0.text(0) ?? "" }
            let synchronous = try db.rows("PRAGMA synchronous") { String($0.int64(0) ?? -1) }
            return journal + synchronous
        }
        #expect(modes == ["wal", "2"])
    }

    @Test func failedWriteLeavesMemoryUnchanged() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try StateDatabase(directory: directory)
        let store = IntegrationStore(clock: ManualClock(), persistence: database)
        let created = try store.create(IntegrationDraft(name: "A", redirectURIs: ["https://a.example/cb"]))
        try database.transaction { (db: StateDatabase.Access) throws(StateDatabaseError) in try db.run("DROP TABLE integrations") }
        #expect(throws: IntegrationError.self) { try store.update(id: created.id, IntegrationChanges(name: "B")) }
        #expect(store.get(id: created.id)?.name == "A")
    }
}
