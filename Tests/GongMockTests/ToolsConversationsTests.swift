import Essentials
import Testing
@testable import GongMock

/// `--tools 2026-11`: research_conversations and search_conversations over the bundled fixture.
@Suite struct ToolsConversationsTests {
    let data: CompanyData
    let catalog: GongToolCatalog
    let shared = ToolCaller(access: .shared, userID: nil, integrationName: "Tests")

    init() throws {
        data = try CompanyTestSupport.bundled()
        catalog = GongToolCatalog(data: data, clock: ManualClock(startingAt: CompanyTestSupport.now), toolset: .november2026,
                                  requestIDSeed: 7)
    }

    func success(_ outcome: GongToolOutcome) throws -> (JSONValue, DataUsage) {
        guard case .success(let result, let usage) = outcome else {
            Issue.record("expected success, got \(outcome)")
            throw CancellationError()
        }
        return (result.value, usage)
    }

    func run(_ tool: String, _ arguments: JSONValue, caller: ToolCaller? = nil) -> GongToolOutcome {
        catalog.run(tool: tool, arguments: arguments.objectValue ?? JSONObject(), caller: caller ?? shared)
    }

    @Test func toolsetsListTheirTools() {
        let launch = GongToolCatalog(data: data, clock: ManualClock(startingAt: CompanyTestSupport.now))
        #expect(launch.definitions.map(\.name) == ["ask_account", "ask_deal", "generate_brief"])
        #expect(catalog.definitions.map(\.name) == ["ask_account", "ask_deal", "generate_brief", "research_conversations", "search_conversations"])
        #expect(catalog.definition(named: "research_conversations")?.requiredScope == "mcp:ai-assistant:read")
        #expect(catalog.definition(named: "research_conversations")?.metered == true)
        #expect(catalog.definition(named: "search_conversations")?.metered == false)
        guard case .failure(let message) = launch.run(tool: "search_conversations", arguments: JSONObject(), caller: shared) else {
            Issue.record("the launch toolset must not run search_conversations")
            return
        }
        #expect(message.hasPrefix("Unknown tool \"search_conversations\""))
    }

    @Test func researchAnalysesEveryVisibleConversationAndReportsItsUsage() throws {
        let (result, usage) = try success(run("research_conversations", ["question": "What did customers say about pricing?",
                                                                         "timePeriod": "ALL_CONVERSATIONS"]))
        let calls = try #require(result["numOfCallsSearched"]?.intValue)
        let emails = try #require(result["numOfEmailsSearched"]?.intValue)
        #expect(calls == min(60, data.calls.count))
        #expect(usage.callDurations.count == calls)
        #expect(usage.emailCount == emails)
        #expect(result["answer"]?[0]?["answerItems"]?[0]?.stringValue?.isEmpty == false)
        #expect(CreditPricing.default.cost(of: usage) > .zero)
    }

    @Test func researchNarrowsToTheGivenAccounts() throws {
        let account = try #require(data.accounts.first)
        let (all, _) = try success(run("research_conversations", ["question": "next steps?", "timePeriod": "LAST_YEAR"]))
        let (one, usage) = try success(run("research_conversations", ["question": "next steps?", "timePeriod": "LAST_YEAR",
                                                                      "accountIds": [.string(account.id)]]))
        let oneCalls = try #require(one["numOfCallsSearched"]?.intValue)
        #expect(oneCalls <= (all["numOfCallsSearched"]?.intValue ?? 0))
        #expect(usage.callDurations.count == oneCalls)
        guard case .failure(let message) = run("research_conversations", ["question": "x", "timePeriod": "LAST_YEAR",
                                                                          "accountIds": ["001NOPE"]]) else {
            Issue.record("an unknown account must fail")
            return
        }
        #expect(message.contains("Account 001NOPE not found"))
    }

    @Test func researchSeesOnlyWhatAPersonalCallerMaySee() throws {
        let owner = try #require(data.users.first { $0.mayUseMCPServer && data.visibility(for: .personal(userID: $0.id)).seesEverything == false })
        let personal = ToolCaller(access: .personal(userID: owner.id), userID: owner.id, integrationName: "Tests")
        let arguments: JSONValue = ["question": "risks?", "timePeriod": "ALL_CONVERSATIONS"]
        let (everything, _) = try success(run("research_conversations", arguments))
        let (own, _) = try success(run("research_conversations", arguments, caller: personal))
        #expect((own["numOfEmailsSearched"]?.intValue ?? 0) <= (everything["numOfEmailsSearched"]?.intValue ?? 0))
    }

    @Test func searchFindsMatchingConversationsNewestFirstAndPages() throws {
        let (first, usage) = try success(run("search_conversations", ["query": "pricing", "timePeriod": "ALL_CONVERSATIONS", "limit": 3]))
        #expect(usage.callDurations.isEmpty && usage.emailCount == 0, "search analyses nothing")
        let total = try #require(first["totalRecords"]?.intValue)
        #expect(total > 3)
        let times = (0..<3).compactMap { first["conversations"]?[$0]?["time"]?.stringValue }
        #expect(times.count == 3)
        #expect(times == times.sorted(by: >), "most recent first")
        let cursor = try #require(first["nextCursor"]?.stringValue)
        let (second, _) = try success(run("search_conversations", ["query": "pricing", "timePeriod": "ALL_CONVERSATIONS", "limit": 3,
                                                                   "cursor": .string(cursor)]))
        #expect(second["conversations"]?[0]?["id"] != first["conversations"]?[0]?["id"])
        #expect(second["totalRecords"]?.intValue == total)
    }

    @Test func searchFiltersByTypeAccountAndRejectsBadArguments() throws {
        let account = try #require(data.accounts.first)
        let (calls, _) = try success(run("search_conversations", ["timePeriod": "ALL_CONVERSATIONS", "conversationType": "CALL",
                                                                  "accountId": .string(account.id), "limit": 100]))
        let items = calls["conversations"]?.arrayValue ?? []
        #expect(!items.isEmpty)
        #expect(items.allSatisfy { $0["conversationType"] == "CALL" })
        for (arguments, named) in [(["timePeriod": "ALL_CONVERSATIONS", "cursor": "42"], "cursor"),
                                   (["timePeriod": "ALL_CONVERSATIONS", "limit": 500], "limit"),
                                   (["timePeriod": "ALL_CONVERSATIONS", "conversationType": "VIDEO"], "conversationType"),
                                   (["timePeriod": "ALL_CONVERSATIONS", "bogus": true], "bogus")] as [(JSONValue, String)] {
            guard case .failure(let message) = run("search_conversations", arguments) else {
                Issue.record("\(named) must be refused")
                continue
            }
            #expect(message.contains(named))
        }
    }
}
