import Essentials
import HTTPServer
import Testing
@testable import GongMock

/// `--tools 2026-11` through the whole mock: each new tool's credit rule, checked on the ledger.
@Suite struct GongMockToolsetTests {
    typealias H = GongMockHarness

    static func harness() throws -> GongMockHarness {
        var options = GongMockOptions()
        options.toolset = .november2026
        return try GongMockHarness(options: options)
    }

    @Test func researchIsChargedForTheCallsAndEmailsItAnalysed() throws {
        let harness = try Self.harness()
        let token = harness.accessToken()
        let arguments: JSONValue = ["question": "Which competitors came up?", "timePeriod": "LAST_YEAR"]
        let before = harness.app.ledger.balance
        let (response, body) = harness.callTool(token, "research_conversations", arguments)
        #expect(response.status.code == 200)
        #expect(body["result"]?["isError"] == false)
        let structured = try #require(body["result"]?["structuredContent"])
        // The same question on a fresh catalog gives the data the call analysed: its price is the charge.
        let reference = GongToolCatalog(data: harness.app.company, clock: ManualClock(startingAt: harness.app.clock.now()),
                                        toolset: .november2026)
        guard case .success(let again, let usage) = reference.run(tool: "research_conversations", arguments: arguments.objectValue ?? JSONObject(),
                                                                  caller: ToolCaller(access: .shared, userID: nil, integrationName: "x")) else {
            Issue.record("reference run failed")
            return
        }
        #expect(again["numOfCallsSearched"] == structured["numOfCallsSearched"])
        let expected = CreditPricing.default.cost(of: usage)
        #expect(expected > .zero)
        #expect(before.hundredths - harness.app.ledger.balance.hundredths == expected.hundredths)
        let row = try #require(harness.app.ledger.usageRows.last)
        #expect(row.usage.featureName == "research_conversations")
        #expect(row.creditsUsed == expected)
    }

    @Test func searchIsNotCharged() throws {
        let harness = try Self.harness()
        let token = harness.accessToken()
        let before = harness.app.ledger.balance
        let rows = harness.app.ledger.usageRows.count
        let (_, body) = harness.callTool(token, "search_conversations", ["query": "pricing", "timePeriod": "ALL_CONVERSATIONS"])
        #expect(body["result"]?["isError"] == false)
        #expect((body["result"]?["structuredContent"]?["totalRecords"]?.intValue ?? 0) > 0)
        #expect(harness.app.ledger.balance == before)
        #expect(harness.app.ledger.usageRows.count == rows, "no usage row for a call that analysed nothing")
    }

    @Test func newToolsNeedTheAssistantScope() throws {
        let harness = try Self.harness()
        let token = harness.accessToken(clientID: H.askOnlyClientID, secret: H.askOnlySecret)
        let (response, _) = harness.callTool(token, "search_conversations", ["timePeriod": "LAST_30DAYS"])
        #expect(response.status.code == 403)
        #expect(response.headers["WWW-Authenticate"]?.contains("mcp:ai-assistant:read") == true)
    }

    @Test func defaultToolsetListsTheLaunchTools() throws {
        let harness = try GongMockHarness()
        let list = H.json(harness.mcp(harness.accessToken(), method: "tools/list"))
        #expect(list["result"]?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["ask_account", "ask_deal", "generate_brief"])
    }
}
