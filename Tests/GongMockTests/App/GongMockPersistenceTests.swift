import Essentials
import Foundation
import HTTPServer
import Testing
@testable import GongMock

/// `--state-dir`: what was acknowledged survives a restart (the kill -9 variant runs the real
/// binary in the interop suite).
@Suite struct GongMockPersistenceTests {
    typealias H = GongMockHarness

    @Test func integrationsCreditsAndGrantsSurviveARestart() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gong-mock-state-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        var refreshToken = ""
        var balanceBefore = CreditAmount.zero
        var createdID = ""
        do {
            let first = try H(stateDirectory: directory)
            let created = first.send(.post, "/admin/api/integrations", headers: ["Authorization": "Bearer test-admin-token", "Content-Type": "application/json"],
                                     body: Array(#"{"name":"Made at runtime","redirectURIs":["https://example.com/cb"]}"#.utf8))
            #expect(created.status == .created)
            createdID = H.json(created)["id"]?.stringValue ?? ""
            let tokens = first.token(clientID: H.ciClientID, secret: H.ciSecret, user: H.maya)
            refreshToken = tokens["refresh_token"]?.stringValue ?? ""
            let access = tokens["access_token"]?.stringValue ?? ""
            _ = first.callTool(access, "ask_account", ["accountId": .string(H.altamira), "question": "pricing?", "timePeriod": "ALL_CONVERSATIONS"])
            balanceBefore = first.app.ledger.balance
            #expect(first.app.ledger.usageRows.count == 1)
        }

        let second = try H(stateDirectory: directory)
        #expect(second.app.integrations.get(id: createdID)?.name == "Made at runtime")
        #expect(second.app.integrations.list().filter { $0.name == "CI pipeline" }.count == 1)
        #expect(second.app.ledger.balance == balanceBefore)
        #expect(second.app.ledger.usageRows.count == 1)
        let form = URLEncodedForm.encode([("grant_type", "refresh_token"), ("refresh_token", refreshToken),
                                          ("client_id", H.ciClientID), ("client_secret", H.ciSecret)])
        let refreshed = second.send(.post, "/oauth2/generate-mcp-token", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array(form.utf8))
        #expect(refreshed.status == .ok, "\(H.bodyText(refreshed))")
    }

    @Test func aCorruptStateFileRefusesToStart() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gong-mock-state-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("this is not a database, just text that is long enough to look like a header".utf8)
            .write(to: URL(fileURLWithPath: directory + "/" + StateDatabase.fileName))
        #expect(throws: GongMockStartupError.self) { try H(stateDirectory: directory) }
    }
}
