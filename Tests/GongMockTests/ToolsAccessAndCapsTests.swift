import Essentials
import Testing
@testable import GongMock

@Suite struct ToolsAccessAndCapsTests {
    let data: CompanyData
    let catalog: GongToolCatalog

    init() throws {
        data = try CompanyTestSupport.bundled()
        catalog = GongToolCatalog(data: data, clock: ManualClock(startingAt: CompanyTestSupport.now), requestIDSeed: 3)
    }

    private func user(_ name: String) throws -> CompanyUser { try #require(data.users.first { $0.name == name }) }
    private func account(_ prefix: String) throws -> CRMAccount { try #require(data.accounts.first { $0.name.hasPrefix(prefix) }) }

    private func callsSearched(_ accountID: String, as access: AccessContext) -> Int? {
        let outcome = catalog.run(tool: "ask_account", arguments: JSONObject([
            ("accountId", .string(accountID)), ("question", "pricing"), ("timePeriod", "ALL_CONVERSATIONS"),
        ]), caller: ToolCaller(access: access, userID: nil, integrationName: "Tests"))
        guard case .success(let result, _) = outcome else { return nil }
        return result["numOfCallsSearched"]?.intValue
    }

    @Test func sharedAndAllScopeSeeEverything() throws {
        #expect(data.visibility(for: .shared) == .everything)
        #expect(data.visibility(for: .personal(userID: try user("Maya Lindqvist").id)) == .everything)
        #expect(data.visibility(for: .personal(userID: try user("Jordan Blake").id)) == .everything)
        #expect(data.visibility(for: .personal(userID: "no-such-user")) == .nothing)
    }

    @Test func ownScopeSeesOnlyWhatTheUserOwnsOrJoined() throws {
        let priya = try user("Priya Raman")
        let filter = data.visibility(for: .personal(userID: priya.id))
        #expect(filter.canSee(accountID: try account("Altamira").id))
        #expect(!filter.canSee(accountID: try account("Driftwood").id))
        #expect(!filter.canSee(dealID: try #require(data.deals.first { $0.name.hasPrefix("Beacon") }).id))
        #expect(data.deals.filter { filter.canSee(dealID: $0.id) }.allSatisfy { $0.ownerID == priya.id })
        // Contacts follow their account.
        #expect(data.contacts.allSatisfy { filter.canSee(contactID: $0.id) == filter.canSee(accountID: $0.accountID) })
        // Invisible behaves exactly like absent.
        let driftwood = try account("Driftwood")
        let outcome = catalog.run(tool: "ask_account", arguments: JSONObject([
            ("accountId", .string(driftwood.id)), ("question", "pricing"), ("timePeriod", "LAST_30DAYS"),
        ]), caller: ToolCaller(access: .personal(userID: priya.id), userID: priya.id, integrationName: "Claude"))
        #expect(outcome == .failure(message: "Account \(driftwood.id) not found"))
    }

    @Test func teamScopeCoversTheTeamsDealsAndCalls() throws {
        let daniel = data.visibility(for: .personal(userID: try user("Daniel Okafor").id))
        #expect(daniel.canSee(accountID: try account("Beacon").id))       // Tom's
        #expect(daniel.canSee(accountID: try account("Altamira").id))     // Priya's
        #expect(!daniel.canSee(accountID: try account("Foxglove").id))    // Mid-Market West
        let laura = data.visibility(for: .personal(userID: try user("Laura Chen").id))
        #expect(laura.canSee(accountID: try account("Granite").id))       // Hannah (deactivated) is still in the team
        #expect(laura.canSee(accountID: try account("Foxglove").id))
        #expect(!laura.canSee(accountID: try account("Corvid").id))
    }

    @Test func personalAccessAnalysesOnlyVisibleConversations() throws {
        let altamira = try account("Altamira")
        let elena = try user("Elena Petrova")  // customer success: sees her QBRs, not the sales calls
        let all = try #require(callsSearched(altamira.id, as: .shared))
        let hers = try #require(callsSearched(altamira.id, as: .personal(userID: elena.id)))
        let expected = data.calls.filter { $0.accountID == altamira.id && $0.participants.contains(.user(elena.id)) }.count
        #expect(hers == expected && hers > 0 && hers < all)
    }

    @Test func aCollaboratorWhoJoinedNothingSeesNothing() throws {
        let chloe = try user("Chloe Martin")
        #expect(chloe.seatType == .collaborator)
        let filter = data.visibility(for: .personal(userID: chloe.id))
        #expect(data.accounts.allSatisfy { !filter.canSee(accountID: $0.id) })
    }

    // MARK: caps

    /// One account with 70 calls and 520 e-mails, one a day, newest first by id.
    static func crowdedCompany(clock: ManualClock) -> CompanyData {
        let now = clock.now()
        let user = CompanyUser(id: "1", name: "Rep", email: "rep@seller.com", title: "AE", seatType: .paid, active: true,
                               managerID: nil, team: "A", permissionScope: .all)
        let account = CRMAccount(id: "001000000000001AAA", name: "Crowded", domain: "crowded.com", industry: "Test", ownerID: "1")
        let contact = Contact(id: "003000000000001AAA", accountID: account.id, name: "Buyer", title: "CFO", email: "buyer@crowded.com")
        let calls = (0..<70).map { day in
            Call(id: String(1000 + day), title: "Call \(day)", startTime: now - Double(day + 1) * 86_400,
                 durationSeconds: day.isMultiple(of: 2) ? 1_200 : 300,
                 participants: [.user("1"), .contact(contact.id)], accountID: account.id, dealID: nil,
                 transcript: [TranscriptMonologue(speaker: .contact(contact.id),
                                                  sentences: [TranscriptSentence(startSeconds: 5, endSeconds: 9, text: "The price is too high.")])])
        }
        let emails = (0..<520).map { index in
            Email(id: String(5000 + index), sentTime: now - Double(index + 1) * 3_600, from: "buyer@crowded.com",
                  to: ["rep@seller.com"], cc: [], subject: "Pricing \(index)", body: "Can you lower the price?",
                  accountID: account.id, dealID: nil)
        }
        let tracker = Tracker(id: "t", name: "Pricing", category: .pricing, keywords: ["price"], questionTriggers: ["pricing"])
        return CompanyData(company: CompanyInfo(id: "9", name: "Seller", domain: "seller.com"),
                           workspace: Workspace(id: "1237998047883638784", name: "W"), users: [user], accounts: [account],
                           deals: [], contacts: [contact], calls: calls, emails: emails, trackers: [tracker], briefs: [])
    }

    @Test func asksAnalyseAtMostSixtyCallsAndFiveHundredEmailsMostRecentFirst() throws {
        let clock = ManualClock(startingAt: CompanyTestSupport.now)
        let crowded = Self.crowdedCompany(clock: clock)
        let catalog = GongToolCatalog(data: crowded, clock: clock, requestIDSeed: 1)
        let outcome = catalog.run(tool: "ask_account", arguments: JSONObject([
            ("accountId", "001000000000001AAA"), ("question", "What about pricing?"), ("timePeriod", "ALL_CONVERSATIONS"),
        ]), caller: ToolCaller(access: .shared, userID: nil, integrationName: "Tests"))
        guard case .success(let result, let usage) = outcome else {
            Issue.record("ask failed: \(outcome)")
            return
        }
        #expect(result["numOfCallsSearched"] == 60)
        #expect(result["numOfEmailsSearched"] == 500)
        #expect(usage.callCount == 60 && usage.emailCount == 500)
        // The 60 most recent calls: days 1…60, so durations alternate long/short, 30 each.
        #expect(usage.callDurations.filter { $0 > 600 }.count == 30)
        let cited = result["answer"]?.arrayValue?.first?["callFindings"]?.arrayValue?.compactMap { $0["callId"]?.stringValue } ?? []
        #expect(cited.first == "1000", "the most recent call is cited first")
        #expect(cited.allSatisfy { (Int($0) ?? 9_999) < 1060 }, "nothing older than the cap is cited")
        // Priced: 30 × 1 + 30 × 0.5 + 500 × 0.1 = 95 credits.
        #expect(CreditPricing.default.cost(of: usage) == 95)
    }

    @Test func aShorterPeriodCutsBelowTheCap() throws {
        let clock = ManualClock(startingAt: CompanyTestSupport.now)
        let catalog = GongToolCatalog(data: Self.crowdedCompany(clock: clock), clock: clock, requestIDSeed: 1)
        let outcome = catalog.run(tool: "ask_account", arguments: JSONObject([
            ("accountId", "001000000000001AAA"), ("question", "pricing"), ("timePeriod", "LAST_7DAYS"),
        ]), caller: ToolCaller(access: .shared, userID: nil, integrationName: "Tests"))
        guard case .success(_, let usage) = outcome else {
            Issue.record("ask failed")
            return
        }
        #expect(usage.callCount == 7)
        #expect(usage.emailCount == 168)
    }
}
