import Essentials
import Foundation
import HTTPServer
import Testing
@testable import GongMock

/// Reset, snapshot/restore and `/_mock/state`, interleaved with live tokens and MCP sessions.
@Suite struct StateControlTests {
    typealias H = GongMockHarness

    @Test func restoreBringsBackSessionsAndTokensOfThenAndEndsLaterOnes() throws {
        let harness = try H()
        let before = harness.accessToken()
        let oldSession = harness.openSession(before)
        let snapshot = H.json(harness.control(.post, "/_mock/snapshot"))["id"]?.stringValue ?? ""
        #expect(snapshot.hasPrefix("snap-"))
        let after = harness.accessToken()
        let newSession = harness.openSession(after)
        _ = harness.callTool(after, "ask_account", H.askAltamira)
        let spent = harness.app.ledger.balance
        #expect(harness.inSession(newSession, method: "tools/list").status == .ok)

        #expect(harness.control(.post, "/_mock/restore", ["id": .string(snapshot)]).status == .ok)
        #expect(harness.inSession(oldSession, method: "tools/list").status == .ok)
        #expect(harness.inSession(newSession, method: "tools/list").status == .unauthorized)
        #expect(harness.mcp(after, method: "tools/list").status == .unauthorized)
        #expect(harness.mcp(before, method: "tools/list").status == .ok)
        #expect(harness.app.ledger.balance > spent)
        #expect(harness.app.ledger.usageRows.isEmpty)
        #expect(harness.control(.post, "/_mock/restore", ["id": "snap-999"]).status == .notFound)
    }

    @Test func resetReturnsToTheSeed() throws {
        let harness = try H()
        let token = harness.accessToken()
        let session = harness.openSession(token)
        _ = harness.control(.post, "/admin/api/integrations", ["name": "Extra", "redirectURIs": ["https://example.com/cb"]])
        harness.addFault(["kind": "latency", "ms": 5])
        _ = harness.control(.post, "/_mock/clock", ["advance": "2d"])
        _ = harness.callTool(token, "ask_account", H.askAltamira)
        #expect(harness.app.integrations.list().count == 5)

        #expect(harness.control(.post, "/_mock/reset").status == .ok)
        #expect(harness.app.integrations.list().count == 4)
        #expect(harness.app.faults.faults.isEmpty)
        #expect(abs(harness.app.clock.offsetSeconds) < 1)
        #expect(harness.app.ledger.balance.credits == 5000)
        #expect(harness.mcp(token, method: "tools/list").status == .unauthorized)
        #expect(harness.inSession(session, method: "tools/list").status == .unauthorized)
        // The seeded client works again at once, with the same credentials.
        #expect(harness.mcp(harness.accessToken(), method: "tools/list").status == .ok)
    }

    @Test func stateRoundTripsAndClientsKeepWorking() throws {
        let harness = try H()
        let created = H.json(harness.control(.post, "/admin/api/integrations", ["name": "Made at run time", "redirectURIs": [.string(H.ciRedirect)]]))
        let clientId = try #require(created["clientId"]?.stringValue)
        let secret = try #require(created["clientSecret"]?.stringValue)
        let document = harness.control(.get, "/_mock/state")
        #expect(document.status == .ok)
        let state = H.json(document)
        #expect(state["integrations"]?.arrayValue?.count == 5)
        #expect(state["credits"]?["balance"] == 5000)
        #expect(state["adminToken"] == nil)
        _ = harness.control(.post, "/_mock/reset")
        #expect(harness.app.integrations.integration(clientId: clientId) == nil)
        let put = harness.control(.put, "/_mock/state", state)
        #expect(put.status == .ok)
        let token = harness.token(clientID: clientId, secret: secret, user: H.maya)["access_token"]?.stringValue
        #expect(token != nil)
    }

    @Test func aBadStateIsRefusedWithItsPathAndChangesNothing() throws {
        let harness = try H()
        let before = H.bodyText(harness.control(.get, "/_mock/state"))
        let bad: JSONValue = ["credits": ["balance": 1, "total": 1],
                              "integrations": [["name": "ok", "redirectURIs": ["https://example.com/cb"]],
                                               ["name": "bad", "redirectURIs": ["ftp://x"]]]]
        let refused = harness.control(.put, "/_mock/state", bad)
        #expect(refused.status == .badRequest)
        let message = H.json(refused)["message"]?.stringValue ?? ""
        #expect(message.hasPrefix("integrations[1].redirectURIs[0]: "))
        #expect(message.contains("\"ftp://x\" is not an http(s) URL"))
        #expect(H.bodyText(harness.control(.get, "/_mock/state")).replacingOccurrences(of: #""clock":"[^"]*""#, with: "", options: .regularExpression)
                == before.replacingOccurrences(of: #""clock":"[^"]*""#, with: "", options: .regularExpression))
        #expect(harness.control(.put, "/_mock/state", ["adminToken": "another-admin-token-0123"]).status == .badRequest)
    }

    @Test func aSeedWithAnFtpRedirectDoesNotStart() {
        let seed = #"{"integrations": [{"name": "a", "redirectURIs": ["https://a.example/cb"]}, {"name": "b", "redirectURIs": ["ftp://x"]}]}"#
        #expect(throws: SeedError.self) { try SeedFile.parse(Array(seed.utf8)) }
        do {
            _ = try SeedFile.parse(Array(seed.utf8))
        } catch {
            #expect(error.description.hasPrefix("seed.json: integrations[1].redirectURIs[0]: "))
            #expect(error.description.contains("\"ftp://x\" is not an http(s) URL"))
        }
    }
}
