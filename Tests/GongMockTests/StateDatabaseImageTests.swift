import Essentials
import Foundation
import Testing
@testable import GongMock

/// `StateDatabase.Image`: what reset, restore and `PUT /_mock/state` write in one transaction.
@Suite struct StateDatabaseImageTests {
    @Test func replacingWithAnImagePutsEveryTableBackButKeepsTheSigningKeys() throws {
        let directory = try OAuthStoreSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try StateDatabase(directory: directory)
        let store = IntegrationStore(clock: ManualClock(), persistence: database)
        let kept = try store.create(IntegrationDraft(name: "Kept", registrationType: .automatic, redirectURIs: ["https://k.example/cb"]))
        _ = try store.registerClient(RegisteredClientDraft(integrationId: kept.id, authMethod: .none, redirectURIs: ["https://k.example/cb"], name: "DCR"))
        let usage = CreditUsage(featureType: "MCP server", featureName: "ask_account", usageAction: "On demand", integration: "Kept",
                                userID: "7", breakdown: CreditUsageBreakdown(calls: 2))
        try database.recordCreditRow(.init(sequence: 1, usageTime: 5, kind: 1, balanceAfterHundredths: 9_900),
                                     newKind: CreditUsageKind(usage: usage, creditsUsed: 1), balance: 99, total: 100)
        try database.oauthPut(namespace: "signing-keys", key: "key-000001", value: "first")
        try database.oauthPut(namespace: "grants", key: "g1", value: "{}")
        let image = try database.captureImage()
        #expect(image.creditRows.count == 1)

        _ = try store.create(IntegrationDraft(name: "Later", redirectURIs: ["https://l.example/cb"]))
        try database.recordCreditRow(.init(sequence: 2, usageTime: 6, kind: 1, balanceAfterHundredths: 9_800), newKind: nil, balance: 98, total: 100)
        try database.oauthDelete(namespace: "grants", key: "g1")
        try database.oauthPut(namespace: "refresh-tokens", key: "r2", value: "{}")
        try database.oauthPut(namespace: "signing-keys", key: "key-000002", value: "second")

        try database.replace(with: image)
        #expect(try database.loadIntegrations().map(\.name) == ["Kept"])
        #expect(try database.loadRegisteredClients().map(\.name) == ["DCR"])
        #expect(try database.creditRows(after: 0, in: nil, limit: 10).map(\.sequence) == [1])
        #expect(try database.loadCreditBalance()?.balance == 99)
        #expect(try database.oauthGet(namespace: "grants", key: "g1") != nil)
        #expect(try database.oauthGet(namespace: "refresh-tokens", key: "r2") == nil)
        #expect(try database.oauthEntries(namespace: "signing-keys").map(\.value) == ["first", "second"])

        // The reopened file holds the same.
        let reopened = try StateDatabase(directory: directory)
        #expect(try reopened.loadIntegrations().map(\.name) == ["Kept"])
        #expect(try reopened.creditRows(after: 0, in: nil, limit: 10).count == 1)
    }

    @Test func aFailingReplaceChangesNothing() throws {
        let directory = try OAuthStoreSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try StateDatabase(directory: directory)
        let store = IntegrationStore(clock: ManualClock(), persistence: database)
        _ = try store.create(IntegrationDraft(name: "Before", redirectURIs: ["https://b.example/cb"]))
        var broken = try database.captureImage()
        // A registered client whose integration is not in the image breaks the foreign key mid-way.
        broken.tables["integrations"] = []
        broken.tables["registered_clients"] = [[.text("c1"), .null, .text("none"), .text("[]"), .null, .text("missing"), .real(1)]]
        #expect(throws: StateDatabaseError.self) { try database.replace(with: broken) }
        #expect(try database.loadIntegrations().map(\.name) == ["Before"])
    }
}
