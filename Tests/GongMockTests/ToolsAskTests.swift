import Essentials
import Testing
@testable import GongMock

@Suite struct ToolsAskTests {
    let data: CompanyData
    let catalog: GongToolCatalog
    let shared = ToolCaller(access: .shared, userID: nil, integrationName: "Tests")

    init() throws {
        data = try CompanyTestSupport.bundled()
        catalog = GongToolCatalog(data: data, clock: ManualClock(startingAt: CompanyTestSupport.now), requestIDSeed: 42)
    }

    private func account(_ prefix: String) throws -> CRMAccount {
        try #require(data.accounts.first { $0.name.hasPrefix(prefix) })
    }

    private func ask(_ id: String, _ question: String, tool: String = "ask_account", period: String = "ALL_CONVERSATIONS",
                     caller: ToolCaller? = nil) -> GongToolOutcome {
        let key = tool == "ask_account" ? "accountId" : "dealId"
        return catalog.run(tool: tool, arguments: JSONObject([(key, .string(id)), ("question", .string(question)),
                                                              ("timePeriod", .string(period))]),
                           caller: caller ?? shared)
    }

    private func answer(_ outcome: GongToolOutcome) throws -> (result: JSONValue, usage: DataUsage) {
        guard case .success(let result, let usage) = outcome else {
            Issue.record("expected success, got \(outcome)")
            throw CancellationError()
        }
        return (result.value, usage)
    }

    @Test func definitionsDescribeTheThreeReadOnlyTools() throws {
        #expect(catalog.definitions.map(\.name) == ["ask_account", "ask_deal", "generate_brief"])
        #expect(catalog.definitions.map(\.requiredScope) == ["mcp:ai-ask:read", "mcp:ai-ask:read", "mcp:ai-briefer:read"])
        for definition in catalog.definitions {
            #expect(definition.annotations["readOnlyHint"] == true)
            #expect(definition.inputSchema["type"] == "object")
            #expect(definition.inputSchema["properties"]?["timePeriod"]?["enum"]?.arrayValue?.count == 12)
            #expect(definition.outputSchema["required"]?.arrayValue?.contains("requestId") == true)
        }
        #expect(catalog.definition(named: "ask_account")?.inputSchema["required"] == ["accountId", "question", "timePeriod"])
        #expect(catalog.definition(named: "generate_brief")?.inputSchema["required"]
                == ["briefName", "entityType", "entityId", "timePeriod"])
    }

    @Test func aCompetitorQuestionCitesTheCallAndQuoteTheFixturePutThere() throws {
        let altamira = try account("Altamira")
        let (result, usage) = try answer(ask(altamira.id, "Which competitors came up?"))
        let pricingCall = try #require(data.calls.first { $0.title == "Altamira Freight pricing review" })
        let findings = try #require(result["answer"]?.arrayValue?.first?["callFindings"]?.arrayValue)
        let cited = try #require(findings.first { $0["callId"]?.stringValue == pricingCall.id })
        #expect(cited["quote"] == "Brightwave came in about twenty percent cheaper on their last quote.")
        #expect(cited["speakerName"] == "Grace Holloway")
        #expect(cited["speakerAffiliation"] == "External")
        #expect(cited["timestamp"] == "20:44")
        #expect(cited["title"] == "Altamira Freight pricing review")
        #expect(cited["startTime"]?.stringValue == UTCCalendar.isoString(pricingCall.startTime))
        #expect(findings.allSatisfy { $0["quote"]?.stringValue?.contains("Brightwave") == true
                                       || $0["quote"]?.stringValue?.contains("alternative") == true })
        let items = try #require(result["answer"]?.arrayValue?.first?["answerItems"]?.arrayValue)
        #expect(items.first?.stringValue?.hasPrefix("Competitors: came up in") == true)
        #expect(items.first?.stringValue?.contains("Brightwave") == true)
        #expect(result["numOfCallsSearched"]?.intValue == usage.callCount)
        #expect(result["numOfEmailsSearched"]?.intValue == usage.emailCount)
    }

    @Test func aDealRiskQuestionFindsTheSecurityReview() throws {
        let beacon = try #require(data.deals.first { $0.name.hasPrefix("Beacon") })
        let (result, _) = try answer(ask(beacon.id, "What risks could delay this deal?", tool: "ask_deal"))
        let quotes = result["answer"]?.arrayValue?.first?["callFindings"]?.arrayValue?.compactMap { $0["quote"]?.stringValue } ?? []
        #expect(quotes.contains("To be transparent, our security review board has to sign off and they are backed up for weeks."))
        let items = result["answer"]?.arrayValue?.first?["answerItems"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(items.contains { $0.hasPrefix("Deal risks: came up in") && $0.contains("security review") })
    }

    @Test func emailFindingsCiteSubjectSenderAndLine() throws {
        let corvid = try account("Corvid")
        let (result, _) = try answer(ask(corvid.id, "Did they ask for a discount?"))
        let emails = try #require(result["answer"]?.arrayValue?.first?["emailFindings"]?.arrayValue)
        #expect(!emails.isEmpty)
        for finding in emails {
            let email = try #require(data.email(id: finding["emailId"]?.stringValue ?? ""))
            #expect(finding["subject"]?.stringValue == email.subject)
            #expect(finding["from"]?.stringValue == email.from)
            #expect(email.subject.contains(finding["snippet"]?.stringValue ?? "∅")
                    || email.body.contains(finding["snippet"]?.stringValue ?? "∅"))
        }
    }

    @Test func lastActivityQuestionNamesTheMostRecentConversations() throws {
        let altamira = try account("Altamira")
        let (result, _) = try answer(ask(altamira.id, "What was the last activity on that account?", period: "LAST_30DAYS"))
        let first = result["answer"]?.arrayValue?.first?["answerItems"]?.arrayValue?.first?.stringValue ?? ""
        #expect(first.hasPrefix("Most recent activity: the call \"Altamira Freight commercial terms\""))
    }

    @Test func noRelevantFindingsIsStillAValidAnswer() throws {
        let altamira = try account("Altamira")
        let (result, usage) = try answer(ask(altamira.id, "What did they say about the weather?"))
        let answer = try #require(result["answer"]?.arrayValue?.first)
        #expect(answer["callFindings"] == [])
        #expect(answer["emailFindings"] == [])
        #expect(answer["answerItems"]?.arrayValue?.first?.stringValue?.hasPrefix("No relevant findings") == true)
        #expect(usage.callCount > 0, "the data was still analysed (and is charged)")
    }

    @Test func requestIDsDifferBetweenIdenticalCalls() throws {
        let altamira = try account("Altamira")
        let first = try answer(ask(altamira.id, "pricing")).result
        let second = try answer(ask(altamira.id, "pricing")).result
        #expect(first["requestId"] != second["requestId"])
        #expect(first["answer"] == second["answer"], "answers are deterministic")
        #expect(first["requestId"]?.stringValue?.count == 19)
    }

    @Test func unknownEntitiesAreNotFound() {
        #expect(ask("001XYZ", "pricing") == .failure(message: "Account 001XYZ not found"))
        #expect(ask("006XYZ", "pricing", tool: "ask_deal") == .failure(message: "Deal 006XYZ not found"))
        // An account id is not a deal.
        #expect(ask(data.accounts[0].id, "pricing", tool: "ask_deal") == .failure(message: "Deal \(data.accounts[0].id) not found"))
    }

    @Test(arguments: [
        (JSONObject([("question", "x"), ("timePeriod", "LAST_7DAYS")]), "Invalid argument accountId: is required"),
        (JSONObject([("accountId", "001"), ("timePeriod", "LAST_7DAYS")]), "Invalid argument question: is required"),
        (JSONObject([("accountId", "001"), ("question", "x")]), "Invalid argument timePeriod: is required (one of LAST_7DAYS, LAST_30DAYS"),
        (JSONObject([("accountId", "001"), ("question", "x"), ("timePeriod", "LAST_MONTH")]),
         "Invalid argument timePeriod: \"LAST_MONTH\" is not allowed; use one of LAST_7DAYS, LAST_30DAYS, LAST_90DAYS, LAST_90_DAYS_SINCE_LAST_ACTIVITY, LAST_YEAR_SINCE_LAST_ACTIVITY, LAST_YEAR, THIS_WEEK, THIS_MONTH, THIS_YEAR, THIS_QUARTER, CUSTOM_RANGE, ALL_CONVERSATIONS"),
        (JSONObject([("accountId", 1), ("question", "x"), ("timePeriod", "LAST_7DAYS")]),
         "Invalid argument accountId: must be a string"),
        (JSONObject([("accountId", "001"), ("question", "x"), ("timePeriod", "LAST_7DAYS"), ("crmId", "1")]),
         "Invalid argument crmId: is not an argument of this tool (arguments: accountId, question, timePeriod, fromDateTime, toDateTime, workspaceId)"),
        (JSONObject([("accountId", "001"), ("question", "x"), ("timePeriod", "LAST_7DAYS"), ("workspaceId", "123")]),
         "Invalid argument workspaceId: workspace \"123\" not found (this company's workspace is \"1237998047883638784\")"),
    ])
    func invalidArgumentsAreNamed(arguments: JSONObject, expected: String) {
        guard case .failure(let message) = catalog.run(tool: "ask_account", arguments: arguments, caller: shared) else {
            Issue.record("expected a failure")
            return
        }
        #expect(message.hasPrefix(expected), "\(message)")
    }

    @Test func theWorkspaceIdMayBeGiven() throws {
        let outcome = catalog.run(tool: "ask_account", arguments: JSONObject([
            ("accountId", .string(data.accounts[0].id)), ("question", "pricing"), ("timePeriod", "LAST_30DAYS"),
            ("workspaceId", "1237998047883638784"),
        ]), caller: shared)
        _ = try answer(outcome)
        #expect(catalog.run(tool: "ask_contact", arguments: JSONObject(), caller: shared)
                == .failure(message: "Unknown tool \"ask_contact\" (tools: ask_account, ask_deal, generate_brief)"))
    }

    /// The answer is written straight to bytes: they must be exactly what serialising the same
    /// answer as a tree gives (member order, number and string forms), for every account and
    /// questions that hit trackers, plain words, activity and nothing.
    @Test func writtenAnswersAreTheSerialisedTree() throws {
        for account in data.accounts {
            for question in ["Which competitors came up?", "pricing", "What was the last activity?", "Quote \"the weather\"\\?"] {
                guard case .success(let encoded, _) = ask(account.id, question) else {
                    Issue.record("ask \(account.id) \(question) failed")
                    continue
                }
                #expect(JSONSerializer.bytes(encoded.value) == encoded.bytes, "\(account.id): \(question)")
                #expect(encoded["answer"]?[0]?["answerItems"]?.arrayValue?.isEmpty == false)
            }
        }
    }
}
