import Essentials
import Foundation
import Testing
@testable import GongMock

/// A state file of the release before the compact ledger (`credit_usage`, rows as JSON) opens
/// with its rows moved into `credit_kinds` + `credit_rows`, once (issue #16).
@Suite struct StateDatabaseMigrationTests {
    static func legacyRow(_ sequence: Int, action: String, breakdown: String, used: Int, after: Int) -> String {
        JSONSerializer.string([
            "version": 1, "sequence": .number(Double(sequence)), "usageTime": .number(Double(1_000 + sequence)),
            "featureType": "MCP server", "featureName": "ask_account", "usageAction": .string(action), "integration": "Claude",
            "userID": "7", "usageBreakdown": .string(breakdown), "requests": 1,
            "creditsUsedHundredths": .number(Double(used)), "balanceAfterHundredths": .number(Double(after)),
        ])
    }

    @Test func oldCreditUsageRowsMoveIntoTheCompactLedgerOnce() throws {
        let directory = try OAuthStoreSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/" + StateDatabase.fileName
        do {
            // The old shape: today's schema plus `credit_usage`, and one row charged after the upgrade.
            let database = try StateDatabase(path: path)
            let rows = [
                Self.legacyRow(1, action: "On demand", breakdown: "3 calls (1 over 10 min), 2 emails, 0 web searches", used: 150, after: 9_850),
                Self.legacyRow(2, action: "On demand", breakdown: "3 calls (1 over 10 min), 2 emails, 0 web searches", used: 150, after: 9_700),
                Self.legacyRow(3, action: "Brief", breakdown: "1 call (0 over 10 min), 0 emails, 1 web search; 2 open-ended sections, 1 smart-tracker section",
                               used: 400, after: 9_300),
            ]
            try database.transaction { (db: StateDatabase.Access) throws(StateDatabaseError) in
                try db.run("CREATE TABLE credit_usage (seq INTEGER PRIMARY KEY AUTOINCREMENT, recorded_at REAL NOT NULL, row TEXT NOT NULL)")
                for (index, row) in rows.enumerated() {
                    try db.run("INSERT INTO credit_usage (recorded_at, row) VALUES (?, ?)", [.real(Double(1_000 + index)), .text(row)])
                }
            }
            let usage = CreditUsage(featureType: "MCP server", featureName: "ask_deal", usageAction: "On demand", integration: "Claude",
                                    userID: "7", breakdown: CreditUsageBreakdown(calls: 1))
            try database.recordCreditRow(.init(sequence: 1, usageTime: 2_000, kind: 1, balanceAfterHundredths: 9_200),
                                         newKind: CreditUsageKind(usage: usage, creditsUsed: 1), balance: 92, total: 100)
        }

        let migrated = try StateDatabase(path: path)
        let rows = try migrated.creditRows(after: 0, in: nil, limit: 100)
        #expect(rows.map(\.sequence) == [1, 2, 3, 4])
        #expect(rows.map(\.balanceAfterHundredths) == [9_850, 9_700, 9_300, 9_200])
        #expect(rows.map(\.usageTime) == [1_001, 1_002, 1_003, 2_000])
        let kinds = try migrated.loadCreditKinds()
        #expect(kinds.count == 3, "the two identical old rows share one kind")
        #expect(rows[0].kind == rows[1].kind)
        let brief = try #require(kinds[rows[2].kind])
        #expect(brief.usage.breakdown == CreditUsageBreakdown(calls: 1, webSearches: 1, openEndedSections: 2, smartTrackerSections: 1))
        #expect(brief.usage.usageBreakdown == "1 call (0 over 10 min), 0 emails, 1 web search; 2 open-ended sections, 1 smart-tracker section")
        #expect(brief.creditsUsed == 4)
        #expect(kinds[rows[0].kind]?.usage.breakdown == CreditUsageBreakdown(calls: 3, longCalls: 1, emails: 2))
        let tables = try migrated.read { (db: StateDatabase.Access) throws(StateDatabaseError) -> [String] in
            try db.rows("SELECT name FROM sqlite_master WHERE type = 'table'") { $0.text(0) ?? "" }
        }
        #expect(!tables.contains("credit_usage"))
        #expect(tables.contains(StateDatabase.migratedCreditUsageTable))

        // Opening again changes nothing (the old table is not read twice).
        let again = try StateDatabase(path: path)
        #expect(try again.creditRows(after: 0, in: nil, limit: 100) == rows)

        // The ledger serves the migrated rows and balances.
        let journal = try StateCreditJournal(database: again, total: 100)
        let ledger = CreditLedger(total: 100, balance: 92, nextSequence: try journal.nextSequence(), clock: ManualClock(), journal: journal)
        #expect(ledger.usageRows.count == 4)
        #expect(ledger.usageRows.reduce(CreditAmount.zero) { $0 + $1.creditsUsed } == 8)
    }

    @Test func anUnreadableOldRowRefusesToOpenAndChangesNothing() throws {
        let directory = try OAuthStoreSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/" + StateDatabase.fileName
        do {
            let database = try StateDatabase(path: path)
            try database.transaction { (db: StateDatabase.Access) throws(StateDatabaseError) in
                try db.run("CREATE TABLE credit_usage (seq INTEGER PRIMARY KEY AUTOINCREMENT, recorded_at REAL NOT NULL, row TEXT NOT NULL)")
                try db.run("INSERT INTO credit_usage (recorded_at, row) VALUES (?, ?)", [.real(1), .text("{\"version\": 9}")])
            }
        }
        #expect(throws: StateDatabaseError.self) { try StateDatabase(path: path) }
        #expect(throws: StateDatabaseError.self) { try StateDatabase(path: path) }
    }
}
