import Essentials
import Foundation
import HTTPServer
import Testing
@testable import GongMock

/// Reset, snapshot/restore and `PUT /_mock/state` with `--state-dir`: each is persisted, so a
/// reopen of the same state directory (a restart) serves exactly what the control left.
@Suite struct PersistentControlTests {
    typealias H = GongMockHarness

    /// The ledger adds up: total − Σ credits used = balance.
    static func expectBalanced(_ harness: H, sourceLocation: SourceLocation = #_sourceLocation) {
        let used = harness.app.ledger.usageRows.reduce(CreditAmount.zero) { $0 + $1.creditsUsed }
        #expect(harness.app.ledger.total - used == harness.app.ledger.balance, sourceLocation: sourceLocation)
    }

    static func refreshToken(_ harness: H) -> String {
        harness.token(clientID: H.ciClientID, secret: H.ciSecret, user: H.maya)["refresh_token"]?.stringValue ?? "<none>"
    }

    @Test func restoreIsPersistedAndATokenFromBeforeTheSnapshotWorksAfterARestart() throws {
        let directory = try OAuthStoreSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before: String, rotatedAfter: String, issuedAfter: String
        var balanceAtSnapshot = CreditAmount.zero
        do {
            let harness = try H(stateDirectory: directory)
            before = Self.refreshToken(harness)
            _ = harness.callTool(harness.accessToken(), "ask_account", H.askAltamira)
            balanceAtSnapshot = harness.app.ledger.balance
            let snapshot = H.json(harness.control(.post, "/_mock/snapshot"))["id"]?.stringValue ?? ""
            #expect(snapshot.hasPrefix("snap-"))

            rotatedAfter = H.json(harness.refresh(before))["refresh_token"]?.stringValue ?? "<none>"
            issuedAfter = Self.refreshToken(harness)
            _ = harness.callTool(harness.accessToken(), "ask_account", H.askAltamira)
            _ = harness.control(.post, "/admin/api/integrations", ["name": "After the snapshot", "redirectURIs": ["https://example.com/cb"]])
            #expect(harness.app.ledger.usageRows.count == 2)

            #expect(harness.control(.post, "/_mock/restore", ["id": .string(snapshot)]).status == .ok)
            #expect(harness.app.ledger.balance == balanceAtSnapshot)
            #expect(harness.app.ledger.usageRows.count == 1)
            #expect(!harness.app.integrations.list().contains { $0.name == "After the snapshot" })
            Self.expectBalanced(harness)
        }

        let reopened = try H(stateDirectory: directory)
        #expect(reopened.app.ledger.balance == balanceAtSnapshot)
        #expect(reopened.app.ledger.usageRows.count == 1)
        Self.expectBalanced(reopened)
        #expect(!reopened.app.integrations.list().contains { $0.name == "After the snapshot" })
        #expect(reopened.app.integrations.list().filter { $0.name == "CI pipeline" }.count == 1)
        #expect(reopened.refresh(rotatedAfter).status == .badRequest)
        #expect(reopened.refresh(issuedAfter).status == .badRequest)
        let resumed = reopened.refresh(before)
        #expect(resumed.status == .ok, "\(H.bodyText(resumed))")
        // Charging after the restore continues the restored ledger.
        _ = reopened.callTool(reopened.accessToken(), "ask_account", H.askAltamira)
        #expect(reopened.app.ledger.usageRows.map(\.sequence) == [1, 2])
        Self.expectBalanced(reopened)

        let unknown = reopened.control(.post, "/_mock/restore", ["id": "snap-1"])
        #expect(unknown.status == .notFound)
        #expect(H.json(unknown)["message"]?.stringValue?.contains("do not survive a restart") == true)
    }

    @Test func resetGoesBackToTheSeedNotToWhatTheDirectoryHeldAtStart() throws {
        let directory = try OAuthStoreSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ciClient: String
        do {
            let first = try H(stateDirectory: directory)
            _ = first.control(.post, "/admin/api/integrations", ["name": "Extra", "redirectURIs": ["https://example.com/cb"]])
            _ = first.callTool(first.accessToken(), "ask_account", H.askAltamira)
            ciClient = first.app.integrations.list().first { $0.name == "CI pipeline" }?.id ?? "<none>"
        }
        let token: String
        do {
            let second = try H(stateDirectory: directory)
            #expect(second.app.integrations.list().contains { $0.name == "Extra" })
            token = Self.refreshToken(second)
            #expect(second.control(.post, "/_mock/reset").status == .ok)
            #expect(!second.app.integrations.list().contains { $0.name == "Extra" })
            #expect(second.app.integrations.list().first { $0.name == "CI pipeline" }?.id == ciClient)
            #expect(second.app.ledger.balance == 5000)
            #expect(second.app.ledger.usageRows.isEmpty)
            #expect(second.refresh(token).status == .badRequest)
            // Still usable after the reset: a new grant and a charge.
            _ = second.callTool(second.accessToken(), "ask_account", H.askAltamira)
            Self.expectBalanced(second)
        }
        let third = try H(stateDirectory: directory)
        #expect(!third.app.integrations.list().contains { $0.name == "Extra" })
        #expect(third.app.integrations.list().filter { $0.name == "CI pipeline" }.count == 1)
        #expect(third.app.ledger.usageRows.count == 1)
        Self.expectBalanced(third)
        #expect(third.refresh(token).status == .badRequest)
    }

    @Test func putStateIsPersistedAndKeepsRefreshTokensOfTheDocument() throws {
        let directory = try OAuthStoreSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let token: String
        do {
            let harness = try H(stateDirectory: directory)
            token = Self.refreshToken(harness)
            _ = harness.callTool(harness.accessToken(), "ask_account", H.askAltamira)
            guard case .object(var document) = H.json(harness.control(.get, "/_mock/state")) else {
                Issue.record("GET /_mock/state is not an object")
                return
            }
            #expect(document["oauthGrants"]?.arrayValue?.count == 2)
            document["integrations"] = .array((document["integrations"]?.arrayValue ?? []).filter { $0["name"]?.stringValue != "Ask only" })
            document["registeredClients"] = nil
            document["credits"] = ["balance": 1234, "total": 1234]
            document["autoApprove"] = .string(H.tom)
            document["creditsExhausted"] = "http-402"
            document["clock"] = nil
            let put = harness.control(.put, "/_mock/state", .object(document))
            #expect(put.status == .ok, "\(H.bodyText(put))")
            #expect(harness.app.ledger.balance == 1234)
            #expect(harness.app.ledger.usageRows.isEmpty)
            Self.expectBalanced(harness)

            let bad = harness.control(.put, "/_mock/state", ["integrations": [["name": "x", "redirectURIs": ["ftp://x"]]], "credits": ["balance": 1, "total": 1]])
            #expect(bad.status == .badRequest)
            #expect(H.json(bad)["message"]?.stringValue?.contains("integrations") == true)
            #expect(harness.app.ledger.balance == 1234)
        }
        let reopened = try H(stateDirectory: directory)
        #expect(reopened.app.ledger.balance == 1234)
        #expect(reopened.app.ledger.total == 1234)
        #expect(!reopened.app.integrations.list().contains { $0.name == "Ask only" }, "a seed integration the PUT removed stays removed")
        #expect(reopened.app.oauth.configuration.autoApproveSubject == H.tom)
        #expect(reopened.app.ledger.exhaustionMode.rawValue == "http-402")
        let refreshed = reopened.refresh(token)
        #expect(refreshed.status == .ok, "\(H.bodyText(refreshed))")
        let access = H.json(refreshed)["access_token"]?.stringValue ?? ""
        _ = reopened.callTool(access, "ask_account", H.askAltamira)
        #expect(reopened.app.ledger.usageRows.count == 1)
        Self.expectBalanced(reopened)
    }

    @Test func controlsRacingChargesAndRefreshesKeepTheLedgerBalancedAndTheSnapshotIntact() async throws {
        let directory = try OAuthStoreSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let harness = try H(stateDirectory: directory)
        let access = harness.accessToken()
        let refresh = Self.refreshToken(harness)
        let snapshot = H.json(harness.control(.post, "/_mock/snapshot"))["id"]?.stringValue ?? ""
        let statuses = await withTaskGroup(of: [Int].self) { group in
            for _ in 0..<4 {
                group.addTask { (0..<5).map { _ in harness.callTool(access, "ask_account", H.askAltamira).0.status.code } }
            }
            group.addTask {
                // A refresh chain racing the restores: each rotation lands wholly before or after one.
                var token = refresh, seen: [Int] = []
                for _ in 0..<8 {
                    let answer = harness.refresh(token)
                    seen.append(answer.status.code)
                    guard let next = H.json(answer)["refresh_token"]?.stringValue else { break }
                    token = next
                }
                return seen
            }
            group.addTask {
                (0..<5).flatMap { _ in
                    [harness.control(.post, "/_mock/restore", ["id": .string(snapshot)]).status.code,
                     harness.control(.post, "/_mock/snapshot").status.code]
                }
            }
            return await group.reduce(into: [Int]()) { $0 += $1 }
        }
        #expect(!statuses.contains { $0 >= 500 }, "no request racing a control fails with a server error: \(statuses)")
        Self.expectBalanced(harness)
        let rows = harness.app.ledger.usageRows.map(\.sequence)
        #expect(rows == rows.indices.map { $0 + 1 })
        // The last control restored the snapshot, whose refresh token then was unused.
        #expect(harness.control(.post, "/_mock/restore", ["id": .string(snapshot)]).status == .ok)
        let reopened = try H(stateDirectory: directory)
        #expect(reopened.app.ledger.usageRows.isEmpty)
        #expect(reopened.refresh(refresh).status == .ok)
    }
}
