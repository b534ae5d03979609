import Essentials
import Testing
@testable import GongMock

/// Issue #16: the 6-byte rows give back every time, kind and balance bit for bit, whatever the
/// clock does and whatever happens to the pool between charges.
@Suite struct CompactCreditRowsTests {
    static func usage(_ index: Int) -> CreditUsage {
        CreditUsage(featureType: "MCP server", featureName: "ask_account", usageAction: "On demand",
                    integration: "Integration", userID: String(index),
                    breakdown: CreditUsageBreakdown(calls: index, longCalls: 0, emails: 0))
    }

    @Test func timesComeBackExactlyWhenTheClockJumpsOrGoesBack() {
        let clock = ManualClock(startingAt: 1_790_000_000.123_456_7)
        let ledger = CreditLedger(total: 1_000_000, clock: clock)
        // Sub-microsecond steps, a jump past the 4-byte offset's reach, a step back, an absurd
        // time and a negative one: every row keeps the very Double the clock gave it.
        let steps: [Double] = [0.000_000_3, 0.25, 7_200, -3_600, 0.000_001, 1e12, -2e12, 0.5]
        var expected: [Double] = []
        for step in steps + steps {
            clock.advance(by: step)
            expected.append(clock.now())
            _ = ledger.charge(1, usage: Self.usage(0))
        }
        #expect(ledger.usageRows.map(\.usageTime.bitPattern) == expected.map(\.bitPattern))
    }

    @Test func balancesFollowPoolSetsAcrossChunks() {
        let clock = ManualClock()
        let ledger = CreditLedger(total: 1_000_000, clock: clock)
        let rows = CompactCreditRows.chunkCapacity * 2 + 17
        var balances: [CreditAmount] = []
        for index in 0..<rows {
            // A pool set between charges breaks the "previous less the cost" chain, also on a
            // chunk boundary.
            if index % 5_000 == 3 || index == CompactCreditRows.chunkCapacity { ledger.setBalance(CreditAmount(hundredths: Int64(900_000 + index))) }
            guard case .charged(_, let balance) = ledger.charge(CreditAmount(hundredths: Int64(index % 7)), usage: Self.usage(index % 3)) else {
                Issue.record("charge \(index) refused")
                return
            }
            balances.append(balance)
            clock.advance(by: 0.001)
        }
        let read = ledger.usageRows
        #expect(read.count == rows)
        #expect(read.map(\.balanceAfter) == balances)
        #expect(read.map(\.usage.userID) == (0..<rows).map { String($0 % 3) })
        #expect(read.map(\.sequence) == Array(1...rows))
    }

    @Test func anEmptyLedgerReservesNothingAndReadsEmpty() {
        let rows = CompactCreditRows()
        var visited = 0
        rows.snapshot.forEach { _ in visited += 1; return true }
        #expect(rows.count == 0 && visited == 0 && rows.nextSequence == 1)
    }
}
