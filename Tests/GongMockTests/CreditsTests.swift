import Essentials
import Foundation
import Synchronization
import Testing
@testable import GongMock

@Suite struct CreditsTests {
    let clock = ManualClock(startingAt: CompanyTestSupport.now)
    let usage = CreditUsage(featureType: "MCP server", featureName: "ask_account", usageAction: "On demand",
                            integration: "Claude", userID: "42", breakdown: CreditUsageBreakdown(calls: 1))

    @Test func amountsAreExactDecimals() {
        var total = CreditAmount.zero
        for _ in 0..<10 { total = total + 0.1 }
        #expect(total == 1)
        #expect(CreditAmount(credits: 0.1) * 3 == CreditAmount(credits: 0.3))
        #expect((CreditAmount(credits: 12.5)).description == "12.5")
        #expect((CreditAmount(credits: 0.05)).description == "0.05")
        #expect((CreditAmount(integerLiteral: 18_000)).description == "18000")
        #expect(CreditAmount(credits: .nan) == .zero)
    }

    @Test func askCostIsCallsPlusEmails() {
        let pricing = CreditPricing.default
        let usage = DataUsage(callDurations: [601, 1_800, 3_000, 600, 120], emailCount: 7)
        #expect(pricing.dataCost(usage) == CreditAmount(credits: 3 + 1 + 0.7)) // 600 s is not "longer than 10 minutes"
        #expect(pricing.cost(of: usage) == CreditAmount(credits: 4.7))
        #expect(pricing.breakdown(usage) == "5 calls (3 over 10 min), 7 emails, 0 web searches")
        // The most an ask can analyse: 60 long calls and 500 e-mails.
        #expect(pricing.cost(of: DataUsage(callDurations: Array(repeating: 3_600, count: 60), emailCount: 500)) == 110)
        #expect(pricing.cost(of: DataUsage(callDurations: [], emailCount: 0)) == .zero)
    }

    @Test func briefCostMultipliesByOpenEndedSections() {
        let pricing = CreditPricing.default
        let data = DataUsage(callDurations: [1_200, 300], emailCount: 10, openEndedSections: 3, smartTrackerSections: 2)
        #expect(pricing.cost(of: data) == CreditAmount(credits: (1 + 0.5 + 1) * 3))
        let trackersOnly = DataUsage(callDurations: [1_200], emailCount: 10, openEndedSections: 0, smartTrackerSections: 2)
        #expect(pricing.cost(of: trackersOnly) == .zero)
        #expect(pricing.breakdown(data).hasSuffix("; 3 open-ended sections, 2 smart-tracker sections"))
    }

    @Test func callRatesAreConfigurable() {
        let pricing = CreditPricing(longCallRate: 2, shortCallRate: 0.25, longCallThresholdSeconds: 300)
        #expect(pricing.cost(of: DataUsage(callDurations: [301, 300], emailCount: 1)) == CreditAmount(credits: 2.35))
    }

    @Test func chargingDebitsAndRecordsAReportRow() throws {
        let ledger = CreditLedger(total: 100, clock: clock)
        guard case .charged(let row, let balance) = ledger.charge(CreditAmount(credits: 4.7), usage: usage) else {
            Issue.record("charge refused")
            return
        }
        #expect(balance == CreditAmount(credits: 95.3))
        #expect(ledger.pool == (balance: CreditAmount(credits: 95.3), total: 100))
        #expect(row.sequence == 1 && row.usageTime == clock.now() && row.creditsUsed == CreditAmount(credits: 4.7))
        // Identical repeats are charged again.
        _ = ledger.charge(CreditAmount(credits: 4.7), usage: usage)
        #expect(ledger.balance == CreditAmount(credits: 90.6))
        #expect(ledger.usageRows.map(\.sequence) == [1, 2])
    }

    @Test func insufficientCreditsLeaveTheBalanceUntouched() {
        let ledger = CreditLedger(total: 100, balance: 3, clock: clock)
        #expect(ledger.charge(CreditAmount(credits: 3.1), usage: usage)
                == .insufficient(balance: 3, cost: CreditAmount(credits: 3.1)))
        #expect(ledger.balance == 3)
        #expect(ledger.usageRows.isEmpty)
        // Exactly the balance is fine; afterwards even 0.01 is refused but a free brief is not.
        guard case .charged = ledger.charge(3, usage: usage) else {
            Issue.record("charging the whole balance must work")
            return
        }
        #expect(ledger.charge(CreditAmount(hundredths: 1), usage: usage) == .insufficient(balance: .zero, cost: CreditAmount(hundredths: 1)))
        guard case .charged(let row, _) = ledger.charge(.zero, usage: usage) else {
            Issue.record("a zero-cost request must pass at zero balance")
            return
        }
        #expect(row.creditsUsed == .zero)
    }

    @Test func setBalanceAdjustsThePool() {
        let ledger = CreditLedger(total: 100, clock: clock)
        ledger.setBalance(40)
        #expect(ledger.pool == (balance: 40, total: 100))
        ledger.setBalance(250)
        #expect(ledger.pool == (balance: 250, total: 250))
        ledger.setBalance(10, total: 500)
        #expect(ledger.pool == (balance: 10, total: 500))
        ledger.setBalance(-5)
        #expect(ledger.balance == .zero)
    }

    @Test func defaultPoolIsTwoThousandPerActivePaidSeat() throws {
        let data = try CompanyTestSupport.bundled()
        #expect(CreditLedger.defaultPool(for: data) == 18_000)
    }

    @Test func csvUsesGongsColumnsAndQuotes() throws {
        let ledger = CreditLedger(total: 100, clock: clock)
        let tricky = CreditUsage(featureType: "MCP server", featureName: "generate_brief", usageAction: "On demand",
                                 integration: "Claude, \"prod\"", userID: "42",
                                 breakdown: CreditUsageBreakdown(calls: 2, longCalls: 1, emails: 3))
        _ = ledger.charge(CreditAmount(credits: 5.6), usage: tricky)
        let lines = try ledger.creditUsageReport().csv().components(separatedBy: "\r\n")
        #expect(lines[0] == "Usage time,Feature type,Feature name,Usage action,Integration,User ID,Credits used,Usage breakdown,# of requests")
        #expect(lines[1] == "2026-06-10T12:00:00Z,MCP server,generate_brief,On demand,\"Claude, \"\"prod\"\"\",42,5.6,\"2 calls (1 over 10 min), 3 emails, 0 web searches\",1")
        #expect(lines.count == 3 && lines[2].isEmpty)
        #expect(ledger.usageRows(from: 0, to: clock.now() - 1).isEmpty)
    }

    struct DiskFull: Error {}

    final class RecordingJournal: CreditLedgerJournal {
        let changes = Mutex<[CreditLedgerChange]>([])
        let failing: Bool
        init(failing: Bool) { self.failing = failing }
        func record(_ change: CreditLedgerChange) throws {
            if failing { throw DiskFull() }
            changes.withLock { $0.append(change) }
        }
    }

    @Test func theJournalSeesEveryChangeAndCanVetoIt() {
        let journal = RecordingJournal(failing: false)
        let ledger = CreditLedger(total: 10, clock: clock, journal: journal)
        _ = ledger.charge(2, usage: usage)
        ledger.setBalance(5)
        #expect(journal.changes.withLock { $0.count } == 2)

        let broken = CreditLedger(total: 10, clock: clock, journal: RecordingJournal(failing: true))
        guard case .notRecorded = broken.charge(2, usage: usage) else {
            Issue.record("a journal failure must refuse the charge")
            return
        }
        #expect(broken.balance == 10 && broken.usageRows.isEmpty)
        guard case .failure = broken.setBalance(1) else {
            Issue.record("a journal failure must refuse the balance change")
            return
        }
        #expect(broken.balance == 10)
    }

    @Test func concurrentChargesNeverOverdrawNorGetLost() async {
        let ledger = CreditLedger(total: 100, clock: clock)
        let cost = CreditAmount(credits: 1.5)
        let usage = self.usage
        let outcomes = await withTaskGroup(of: ChargeResult.self, returning: [ChargeResult].self) { group in
            for _ in 0..<400 { group.addTask { ledger.charge(cost, usage: usage) } }
            var all: [ChargeResult] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        let charged = outcomes.filter { if case .charged = $0 { return true } else { return false } }.count
        #expect(charged == 66) // 66 × 1.5 = 99 ≤ 100 < 67 × 1.5
        #expect(ledger.balance == 1)
        let rows = ledger.usageRows
        #expect(rows.count == 66)
        #expect(rows.allSatisfy { $0.balanceAfter >= .zero })
        #expect(rows.map(\.sequence) == Array(1...66))
        #expect(rows.reduce(CreditAmount.zero) { $0 + $1.creditsUsed } == 99)
    }

    @Test func aToolCallIsPricedAndChargedEndToEnd() throws {
        let data = try CompanyTestSupport.bundled()
        let catalog = GongToolCatalog(data: data, clock: clock, requestIDSeed: 5)
        let caller = ToolCaller(access: .shared, userID: data.users[0].id, integrationName: "Claude")
        let outcome = catalog.run(tool: "ask_account", arguments: JSONObject([
            ("accountId", .string(data.accounts[0].id)), ("question", "pricing"), ("timePeriod", "LAST_90DAYS"),
        ]), caller: caller)
        guard case .success(_, let dataUsage) = outcome else {
            Issue.record("ask failed")
            return
        }
        let pricing = CreditPricing.default
        let ledger = CreditLedger(total: CreditLedger.defaultPool(for: data), clock: clock)
        let cost = pricing.cost(of: dataUsage)
        guard case .charged(let row, _) = ledger.charge(cost, usage: .toolCall("ask_account", caller: caller, usage: dataUsage,
                                                                                 pricing: pricing)) else {
            Issue.record("charge refused")
            return
        }
        #expect(cost > .zero)
        #expect(row.usage.integration == "Claude" && row.usage.userID == data.users[0].id)
        #expect(row.usage.usageBreakdown.hasPrefix("\(dataUsage.callCount) calls"))
        #expect(ledger.balance == 18_000 - cost)
    }
}
