import CSQLite
import Essentials

/// Files from the release before the compact ledger kept usage rows as JSON in `credit_usage`
/// (issue #16). At open they move, once, into `credit_kinds` + `credit_rows` in one transaction;
/// the old table is then renamed `credit_usage_migrated` (kept for inspection, never read).
extension StateDatabase {
    static let migratedCreditUsageTable = "credit_usage_migrated"

    static func migrateCreditUsage(_ handle: OpaquePointer, path: String) throws(StateDatabaseError) {
        try execute(handle, path: path, "BEGIN IMMEDIATE")
        do throws(StateDatabaseError) {
            let db = Access(database: handle, path: path)
            let old = try db.rows("SELECT seq, recorded_at, row FROM credit_usage ORDER BY seq") { (row: SQLiteStatement) throws(StateDatabaseError) -> LegacyRow in
                try LegacyRow(sequence: row.int64(0) ?? 0, recordedAt: row.double(1) ?? 0, text: row.text(2) ?? "", path: path)
            }
            // Rows charged since the upgrade (numbered from 1 again) go after the old ones.
            let shift = Int64(old.count)
            if shift > 0 {
                try db.run("UPDATE credit_rows SET seq = -seq")
                try db.run("UPDATE credit_rows SET seq = ? - seq", [.integer(shift)])
            }
            var kinds: [CreditUsageKind: Int64] = [:]
            for (id, kind) in try loadKinds(db) { kinds[kind] = id }
            for (offset, legacy) in old.enumerated() {
                let id: Int64
                if let known = kinds[legacy.kind] {
                    id = known
                } else {
                    id = Int64(kinds.count + 1)
                    try insertKind(legacy.kind, id: id, db)
                    kinds[legacy.kind] = id
                }
                try db.run("INSERT INTO credit_rows (seq, usage_time, kind, balance_after) VALUES (?, ?, ?, ?)",
                           [.integer(Int64(offset + 1)), .real(legacy.usageTime), .integer(id), .integer(legacy.balanceAfterHundredths)])
            }
            try db.run("ALTER TABLE credit_usage RENAME TO \(migratedCreditUsageTable)")
            try execute(handle, path: path, "COMMIT")
        } catch {
            _ = sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
            throw error
        }
    }

    /// One `credit_usage` row: `{"version": 1, "usageTime", "featureType", …, "usageBreakdown": "3 calls (1 over 10 min), …"}`.
    struct LegacyRow {
        let usageTime: Double
        let kind: CreditUsageKind
        let balanceAfterHundredths: Int64

        init(sequence: Int64, recordedAt: Double, text: String, path: String) throws(StateDatabaseError) {
            let value = try? JSONParser.parse(text)
            guard let value, value["version"]?.intValue == 1,
                  let type = value["featureType"]?.stringValue, let name = value["featureName"]?.stringValue,
                  let action = value["usageAction"]?.stringValue, let integration = value["integration"]?.stringValue,
                  let user = value["userID"]?.stringValue, let breakdown = value["usageBreakdown"]?.stringValue,
                  let used = value["creditsUsedHundredths"]?.intValue, let after = value["balanceAfterHundredths"]?.intValue else {
                throw StateDatabaseError(.corrupt, path: path, "credit_usage row \(sequence) (from an older gong-mock) cannot be read, so it cannot be migrated")
            }
            let usage = CreditUsage(featureType: type, featureName: name, usageAction: action, integration: integration, userID: user,
                                    breakdown: Self.counts(breakdown), requests: value["requests"]?.intValue ?? 1)
            usageTime = value["usageTime"]?.doubleValue ?? recordedAt
            kind = CreditUsageKind(usage: usage, creditsUsed: CreditAmount(hundredths: Int64(used)))
            balanceAfterHundredths = Int64(after)
        }

        /// The numbers of the old text, in its order: calls, long calls, threshold minutes,
        /// emails, web searches, then for briefs open-ended and smart-tracker sections.
        static func counts(_ text: String) -> CreditUsageBreakdown {
            var numbers: [Int] = []
            var digits = ""
            for character in text + " " {
                if character.isASCII, character.isNumber {
                    digits.append(character)
                } else if !digits.isEmpty {
                    numbers.append(Int(digits) ?? 0)
                    digits = ""
                }
            }
            func at(_ index: Int, _ fallback: Int = 0) -> Int { index < numbers.count ? numbers[index] : fallback }
            return CreditUsageBreakdown(calls: at(0), longCalls: at(1), longCallThresholdMinutes: at(2, 10), emails: at(3),
                                        webSearches: at(4), openEndedSections: at(5), smartTrackerSections: at(6))
        }
    }
}
