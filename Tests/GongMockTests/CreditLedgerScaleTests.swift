import Essentials
import Foundation
import Testing
@testable import GongMock

/// Issue #16: the ledger stays compact under load and its report stays complete and exact.
@Suite struct CreditLedgerScaleTests {
    let clock = ManualClock(startingAt: CompanyTestSupport.now)

    /// 1001 distinct usages (7 × 11 × 13 share no factor with the row count), built once.
    static let usages: [CreditUsage] = (0..<1_001).map(makeUsage)

    static func usage(_ index: Int) -> CreditUsage { usages[index % usages.count] }

    static func makeUsage(_ index: Int) -> CreditUsage {
        CreditUsage(featureType: "MCP server", featureName: index % 3 == 0 ? "ask_deal" : "ask_account", usageAction: "On demand",
                    integration: "Integration \(index % 7)", userID: String(index % 11),
                    breakdown: CreditUsageBreakdown(calls: index % 5, longCalls: index % 2, emails: index % 13))
    }

    /// Costs in hundredths that do not repeat in a short cycle, so a lost or doubled row shows.
    static func cost(_ index: Int) -> CreditAmount { CreditAmount(hundredths: Int64(index % 97 + 1)) }

    @Test func aHalfMillionRowReportTotalsExactly() throws {
        let rows = 500_000
        let pool = CreditAmount(hundredths: 1_000_000_000)
        let ledger = CreditLedger(total: pool, clock: clock)
        var expected = CreditAmount.zero
        for index in 0..<rows {
            if index % 1_000 == 0 { clock.advance(by: 1) }
            guard case .charged = ledger.charge(Self.cost(index), usage: Self.usage(index)) else {
                Issue.record("charge \(index) refused")
                return
            }
            expected = expected + Self.cost(index)
        }
        var count = 0
        var sum = CreditAmount.zero
        var lastBalance = pool
        var ordered = true
        try ledger.visitUsageRows { row in
            count += 1
            sum = sum + row.creditsUsed
            ordered = ordered && row.sequence == count && row.balanceAfter == lastBalance - row.creditsUsed
                && row.creditsUsed == Self.cost(count - 1) && row.usage == Self.usage(count - 1)
            lastBalance = row.balanceAfter
            return true
        }
        #expect(count == rows && ordered)
        #expect(sum == expected && ledger.balance == pool - expected && lastBalance == ledger.balance)
        // The admin report walks the same rows (its last row and count), without a table of values.
        let tail = try ledger.creditUsageReport().tail(2)
        #expect(tail.count == rows && tail.rows.count == 2)
        #expect(tail.rows[1][6] == .number(Self.cost(rows - 1).credits))
        // A range query sees the rows of one clock second only.
        let second = CompanyTestSupport.now + 10
        #expect(ledger.usageRows(from: second, to: second).count == 1_000)
    }

    @Test func aReaderNeverHoldsTheLedgerLock() throws {
        let ledger = CreditLedger(total: 1_000, clock: clock)
        for index in 0..<10 { _ = ledger.charge(1, usage: Self.usage(index)) }
        var visited = 0
        // A charge from inside the visit would deadlock if the rows were read under the lock;
        // the visit sees the snapshot it started with.
        try ledger.visitUsageRows { _ in
            visited += 1
            _ = ledger.charge(1, usage: Self.usage(visited))
            return true
        }
        #expect(visited == 10 && ledger.usageRows.count == 20)
    }

    @Test func withAnArchiveTheRowsLiveOnDiskOnly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gong-mock-ledger-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // More rows than a page, so the report reads several pages.
        let rows = StateCreditJournal.pageSize + 300
        var expected = CreditAmount.zero
        do {
            let database = try StateDatabase(directory: directory)
            let journal = try StateCreditJournal(database: database, total: 10_000)
            let ledger = CreditLedger(total: 10_000, nextSequence: try journal.nextSequence(), clock: clock, journal: journal)
            for index in 0..<rows {
                if index % 100 == 0 { clock.advance(by: 1) }
                _ = ledger.charge(Self.cost(index), usage: Self.usage(index))
                expected = expected + Self.cost(index)
            }
            #expect(ledger.rowsHeldInMemory == 0)
        }
        let database = try StateDatabase(directory: directory)
        let journal = try StateCreditJournal(database: database, total: 10_000)
        #expect(try journal.nextSequence() == rows + 1)
        let ledger = CreditLedger(total: 10_000, balance: 10_000 - expected, nextSequence: try journal.nextSequence(),
                                  clock: clock, journal: journal)
        var sum = CreditAmount.zero
        var sequences: [Int] = []
        try ledger.visitUsageRows { row in
            sum = sum + row.creditsUsed
            sequences.append(row.sequence)
            #expect(row.usage == Self.usage(row.sequence - 1))
            return true
        }
        #expect(sequences == Array(1...rows) && sum == expected)
        guard case .charged(let row, _) = ledger.charge(1, usage: Self.usage(0)) else {
            Issue.record("charge after reopening refused")
            return
        }
        #expect(row.sequence == rows + 1 && ledger.rowsHeldInMemory == 0)
        let csv = try ledger.creditUsageReport().csv()
        #expect(csv.components(separatedBy: "\r\n").count == rows + 3) // header, rows, the new row, trailing empty
    }

    @Test func theBreakdownIsFormattedFromCounts() {
        let brief = CreditUsageBreakdown(calls: 1, longCalls: 0, emails: 1, openEndedSections: 1, smartTrackerSections: 2)
        #expect(brief.description == "1 call (0 over 10 min), 1 email, 0 web searches; 1 open-ended section, 2 smart-tracker sections")
        #expect(CreditUsageBreakdown(calls: 2, longCalls: 1, emails: 3).description == "2 calls (1 over 10 min), 3 emails, 0 web searches")
    }
}
