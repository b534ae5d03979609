import Essentials
import Testing
@testable import GongMock

@Suite struct ZZScratch {
    @Test func dump() throws {
        let data = try CompanyTestSupport.bundled()
        let catalog = GongToolCatalog(data: data, clock: ManualClock(startingAt: CompanyTestSupport.now), requestIDSeed: 1)
        let caller = ToolCaller(access: .shared, userID: nil, integrationName: "Claude")
        let altamira = data.accounts[0].id
        for q in ["What competitors came up?", "What was the last activity on that account?", "What are the risks?", "What about the weather?"] {
            let out = catalog.run(tool: "ask_account", arguments: JSONObject([("accountId", .string(altamira)), ("question", .string(q)), ("timePeriod", "ALL_CONVERSATIONS")]), caller: caller)
            if case .success(let s, let u) = out {
                print("Q:", q, u.callCount, u.emailCount)
                for item in s["answer"]?.arrayValue?[0]["answerItems"]?.arrayValue ?? [] { print("  *", item.stringValue ?? "") }
                print("  calls:", s["answer"]?.arrayValue?[0]["callFindings"]?.arrayValue?.count ?? 0, "emails:", s["answer"]?.arrayValue?[0]["emailFindings"]?.arrayValue?.count ?? 0)
                if let f = s["answer"]?.arrayValue?[0]["callFindings"]?.arrayValue?.first { print("  ", f) }
            } else { print(out) }
        }
        let b = catalog.run(tool: "generate_brief", arguments: JSONObject([("briefName", "Deal risk review"), ("entityType", "DEAL"), ("entityId", .string(data.deals[0].id)), ("timePeriod", "LAST_90DAYS")]), caller: caller)
        if case .success(let s, let u) = b {
            print(u)
            for sec in s["briefSections"]?.arrayValue ?? [] { print(sec["title"]!, sec["sectionSummary"]!) }
        }
        print(catalog.run(tool: "ask_deal", arguments: JSONObject([("dealId", 5), ("question", ""), ("timePeriod", "LAST_MONTH"), ("foo", 1)]), caller: caller))
    }
}
