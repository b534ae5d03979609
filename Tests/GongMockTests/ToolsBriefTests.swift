import Essentials
import Testing
@testable import GongMock

@Suite struct ToolsBriefTests {
    let data: CompanyData
    let catalog: GongToolCatalog
    let shared = ToolCaller(access: .shared, userID: nil, integrationName: "Tests")

    init() throws {
        data = try CompanyTestSupport.bundled()
        catalog = GongToolCatalog(data: data, clock: ManualClock(startingAt: CompanyTestSupport.now), requestIDSeed: 9)
    }

    private func brief(_ name: String, _ type: String, _ id: String, period: String = "LAST_90DAYS") -> GongToolOutcome {
        catalog.run(tool: "generate_brief", arguments: JSONObject([
            ("briefName", .string(name)), ("entityType", .string(type)), ("entityId", .string(id)),
            ("timePeriod", .string(period)),
        ]), caller: shared)
    }

    @Test func accountOverviewHasOneSectionPerConfiguredSection() throws {
        let account = try #require(data.accounts.first { $0.name.hasPrefix("Altamira") })
        guard case .success(let result, let usage) = brief("Account overview", "ACCOUNT", account.id) else {
            Issue.record("brief failed")
            return
        }
        let sections = try #require(result["briefSections"]?.arrayValue)
        #expect(sections.map { $0["title"]?.stringValue ?? "" } == ["Customer overview", "Key stakeholders",
                                                                    "Competitive mentions", "Next steps"])
        #expect(sections.map { $0["sectionType"]?.stringValue ?? "" } == ["OPEN_ENDED", "OPEN_ENDED", "SMART_TRACKER", "OPEN_ENDED"])
        #expect(sections.allSatisfy { $0["briefSectionType"] == "Conversations" && !($0["sectionSummary"]?.arrayValue?.isEmpty ?? true) })
        let competitive = sections[2]
        let quotes = competitive["conversationFindings"]?["callFindings"]?.arrayValue?.compactMap { $0["quote"]?.stringValue } ?? []
        #expect(quotes.contains { $0.contains("Brightwave") })
        #expect(usage.openEndedSections == 3)
        #expect(usage.smartTrackerSections == 1)
        #expect(result["numOfCallsSearched"]?.intValue == usage.callCount)
        #expect(result["briefName"] == "Account overview")
    }

    @Test func briefNamesMatchCaseInsensitively() throws {
        let deal = data.deals[0]
        guard case .success = brief("deal RISK review", "DEAL", deal.id) else {
            Issue.record("brief lookup should forgive case")
            return
        }
    }

    @Test func unknownAndUnpublishedBriefsAreNotFound() throws {
        let account = data.accounts[0]
        #expect(data.brief(named: "Churn signals (draft)")?.published == false)
        #expect(brief("Churn signals (draft)", "ACCOUNT", account.id)
                == .failure(message: "Brief not found - could be that the brief is not published"))
        #expect(brief("Quarterly poem", "ACCOUNT", account.id)
                == .failure(message: "Brief not found - could be that the brief is not published"))
    }

    @Test func aBriefForAnotherEntityTypeIsRefusedClearly() {
        let outcome = brief("Account overview", "DEAL", data.deals[0].id)
        #expect(outcome == .failure(message: "Brief \"Account overview\" applies to ACCOUNT entities, not DEAL; published briefs for DEAL: \"Deal risk review\", \"Competitive digest\""))
    }

    @Test func contactBriefsAnalyseTheContactsConversations() throws {
        let contact = try #require(data.contacts.first { $0.name == "Grace Holloway" })
        guard case .success(let result, let usage) = brief("Contact snapshot", "CONTACT", contact.id, period: "ALL_CONVERSATIONS") else {
            Issue.record("contact brief failed")
            return
        }
        let callIDs = Set(data.calls.filter { $0.participants.contains(.contact(contact.id)) }.map(\.id))
        #expect(usage.callCount == callIDs.count)
        let cited = result["briefSections"]?.arrayValue?.flatMap {
            $0["conversationFindings"]?["callFindings"]?.arrayValue ?? []
        }.compactMap { $0["callId"]?.stringValue } ?? []
        #expect(!cited.isEmpty && cited.allSatisfy(callIDs.contains))
        #expect(brief("Contact snapshot", "CONTACT", "003NOPE") == .failure(message: "Contact 003NOPE not found"))
    }

    @Test func trackerOnlyBriefsHaveNoOpenEndedSections() throws {
        guard case .success(_, let usage) = brief("Competitive digest", "DEAL", data.deals[0].id) else {
            Issue.record("brief failed")
            return
        }
        #expect(usage.openEndedSections == 0)
        #expect(usage.smartTrackerSections == 2)
        #expect(CreditPricing.default.cost(of: usage) == .zero)
    }

    @Test func invalidBriefArgumentsAreNamed() {
        let outcome = catalog.run(tool: "generate_brief", arguments: JSONObject([
            ("briefName", "Account overview"), ("entityType", "LEAD"), ("entityId", "001"), ("timePeriod", "ALL_CONVERSATIONS"),
        ]), caller: shared)
        #expect(outcome == .failure(message: "Invalid argument entityType: \"LEAD\" is not allowed; use one of ACCOUNT, DEAL, CONTACT"))
    }

    @Test func anEmptyPeriodStillProducesEverySection() throws {
        let deal = try #require(data.deals.first { $0.name == "Granite Peak - Plant Analytics" })
        guard case .success(let result, let usage) = brief("Deal risk review", "DEAL", deal.id, period: "LAST_7DAYS") else {
            Issue.record("brief failed")
            return
        }
        #expect(usage.callCount == 0 && usage.emailCount == 0)
        let sections = result["briefSections"]?.arrayValue ?? []
        #expect(sections.count == 4)
        #expect(sections.allSatisfy { $0["sectionSummary"]?.arrayValue?.first?.stringValue?.hasPrefix("No calls or emails") == true })
    }
}
