import Essentials

/// The Gong-credit pool and its usage ledger, in numbers only: `credit_kinds` holds each
/// distinct (usage, cost) once, and a `credit_rows` row is a sequence number, a time, a kind and
/// the balance after the charge (issue #16). Report text is formatted when a report is read.
extension StateDatabase {
    /// One stored usage row, before its kind is resolved.
    public struct StoredCreditRow: Sendable, Equatable {
        public let sequence: Int64
        public let usageTime: Double
        public let kind: Int64
        public let balanceAfterHundredths: Int64
    }

    /// Tables created in files of any schema-1 vintage (added after schema 1 first shipped).
    static let creditSchema: [String] = [
        """
        CREATE TABLE IF NOT EXISTS credit_kinds (id INTEGER PRIMARY KEY, feature_type TEXT NOT NULL, feature_name TEXT NOT NULL,
            usage_action TEXT NOT NULL, integration TEXT NOT NULL, user_id TEXT NOT NULL, calls INTEGER NOT NULL,
            long_calls INTEGER NOT NULL, threshold_minutes INTEGER NOT NULL, emails INTEGER NOT NULL,
            web_searches INTEGER NOT NULL, open_ended INTEGER NOT NULL, smart_tracker INTEGER NOT NULL,
            requests INTEGER NOT NULL, credits_used INTEGER NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS credit_rows (seq INTEGER PRIMARY KEY, usage_time REAL NOT NULL,
            kind INTEGER NOT NULL REFERENCES credit_kinds(id), balance_after INTEGER NOT NULL)
        """,
    ]

    public func saveCreditBalance(balance: Double, total: Double) throws(StateDatabaseError) {
        try transaction { (db: Access) throws(StateDatabaseError) in
            try db.run("INSERT OR REPLACE INTO credit_balance (id, balance, total) VALUES (1, ?, ?)", [.real(balance), .real(total)])
        }
    }

    /// Appends a usage row (and its kind when `newKind` is given) and sets the new balance in one
    /// transaction, so a charge is never half-recorded.
    public func recordCreditRow(_ row: StoredCreditRow, newKind: CreditUsageKind?, balance: Double, total: Double) throws(StateDatabaseError) {
        try transaction { (db: Access) throws(StateDatabaseError) in
            if let newKind { try Self.insertKind(newKind, id: row.kind, db) }
            try db.run("INSERT INTO credit_rows (seq, usage_time, kind, balance_after) VALUES (?, ?, ?, ?)", Self.values(row))
            try db.run("INSERT OR REPLACE INTO credit_balance (id, balance, total) VALUES (1, ?, ?)", [.real(balance), .real(total)])
        }
    }

    static func insertKind(_ kind: CreditUsageKind, id: Int64, _ db: Access) throws(StateDatabaseError) {
        let usage = kind.usage, counts = usage.breakdown
        try db.run("""
            INSERT INTO credit_kinds (id, feature_type, feature_name, usage_action, integration, user_id, calls, long_calls,
                threshold_minutes, emails, web_searches, open_ended, smart_tracker, requests, credits_used)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(id), .text(usage.featureType), .text(usage.featureName), .text(usage.usageAction), .text(usage.integration),
                  .text(usage.userID), .integer(Int64(counts.calls)), .integer(Int64(counts.longCalls)),
                  .integer(Int64(counts.longCallThresholdMinutes)), .integer(Int64(counts.emails)), .integer(Int64(counts.webSearches)),
                  .integer(Int64(counts.openEndedSections)), .integer(Int64(counts.smartTrackerSections)),
                  .integer(Int64(usage.requests)), .integer(kind.creditsUsed.hundredths)])
    }

    /// The stored balance, or nil when none was ever saved (use the seed or the default).
    public func loadCreditBalance() throws(StateDatabaseError) -> (balance: Double, total: Double)? {
        try read { (db: Access) throws(StateDatabaseError) -> [Pair] in
            try db.rows("SELECT balance, total FROM credit_balance WHERE id = 1") { (row: SQLiteStatement) throws(StateDatabaseError) -> Pair in
                guard let balance = row.double(0), let total = row.double(1) else { throw db.corrupt("credit_balance has a missing value") }
                return Pair(balance: balance, total: total)
            }
        }.first.map { ($0.balance, $0.total) }
    }

    /// Every kind by id (distinct usages: few, read once at start).
    public func loadCreditKinds() throws(StateDatabaseError) -> [Int64: CreditUsageKind] {
        try read { (db: Access) throws(StateDatabaseError) -> [Int64: CreditUsageKind] in try Self.loadKinds(db) }
    }

    static func loadKinds(_ db: Access) throws(StateDatabaseError) -> [Int64: CreditUsageKind] {
        let pairs = try db.rows("""
            SELECT id, feature_type, feature_name, usage_action, integration, user_id, calls, long_calls, threshold_minutes,
                emails, web_searches, open_ended, smart_tracker, requests, credits_used FROM credit_kinds
            """) { (row: SQLiteStatement) throws(StateDatabaseError) -> KindPair in
            guard let id = row.int64(0), let type = row.text(1), let name = row.text(2), let action = row.text(3),
                  let integration = row.text(4), let user = row.text(5) else { throw db.corrupt("credit_kinds has a missing value") }
            var numbers: [Int] = []
            for column in Int32(6)...14 {
                guard let number = row.int64(column) else { throw db.corrupt("credit_kinds row \(id) has a missing number") }
                numbers.append(Int(number))
            }
            let counts = CreditUsageBreakdown(calls: numbers[0], longCalls: numbers[1], longCallThresholdMinutes: numbers[2],
                                              emails: numbers[3], webSearches: numbers[4], openEndedSections: numbers[5],
                                              smartTrackerSections: numbers[6])
            let usage = CreditUsage(featureType: type, featureName: name, usageAction: action, integration: integration,
                                    userID: user, breakdown: counts, requests: numbers[7])
            return KindPair(id: id, kind: CreditUsageKind(usage: usage, creditsUsed: CreditAmount(hundredths: Int64(numbers[8]))))
        }
        return Dictionary(pairs.map { ($0.id, $0.kind) }, uniquingKeysWith: { first, _ in first })
    }

    /// The highest stored sequence number (0 when the ledger is empty).
    public func lastCreditSequence() throws(StateDatabaseError) -> Int64 {
        try read { (db: Access) throws(StateDatabaseError) -> [Int64] in
            try db.rows("SELECT COALESCE(MAX(seq), 0) FROM credit_rows") { $0.int64(0) ?? 0 }
        }.first ?? 0
    }

    /// Up to `limit` rows after `sequence`, in order, with usage time in `range` when given. One
    /// short read under the connection lock: a long report is read page by page between writes.
    public func creditRows(after sequence: Int64, in range: ClosedRange<Double>?, limit: Int) throws(StateDatabaseError) -> [StoredCreditRow] {
        try read { (db: Access) throws(StateDatabaseError) -> [StoredCreditRow] in try Self.creditRows(db, after: sequence, in: range, limit: limit) }
    }

    static func creditRows(_ db: Access, after sequence: Int64, in range: ClosedRange<Double>?, limit: Int) throws(StateDatabaseError) -> [StoredCreditRow] {
        let sql = range == nil
            ? "SELECT seq, usage_time, kind, balance_after FROM credit_rows WHERE seq > ? ORDER BY seq LIMIT ?"
            : "SELECT seq, usage_time, kind, balance_after FROM credit_rows WHERE seq > ? AND usage_time BETWEEN ? AND ? ORDER BY seq LIMIT ?"
        let values: [SQLiteValue] = range.map { [.integer(sequence), .real($0.lowerBound), .real($0.upperBound), .integer(Int64(limit))] }
            ?? [.integer(sequence), .integer(Int64(limit))]
        return try db.rows(sql, values) { (row: SQLiteStatement) throws(StateDatabaseError) -> StoredCreditRow in
            guard let seq = row.int64(0), let time = row.double(1), let kind = row.int64(2), let after = row.int64(3) else {
                throw db.corrupt("credit_rows has a missing value")
            }
            return StoredCreditRow(sequence: seq, usageTime: time, kind: kind, balanceAfterHundredths: after)
        }
    }

    /// The values of a `credit_rows` row, in column order.
    static func values(_ row: StoredCreditRow) -> [SQLiteValue] {
        [.integer(row.sequence), .real(row.usageTime), .integer(row.kind), .integer(row.balanceAfterHundredths)]
    }

    public func clearCreditUsage() throws(StateDatabaseError) {
        try transaction { (db: Access) throws(StateDatabaseError) in
            try db.run("DELETE FROM credit_rows")
            try db.run("DELETE FROM credit_kinds")
        }
    }

    private struct Pair: Sendable { let balance: Double; let total: Double }
    private struct KindPair: Sendable { let id: Int64; let kind: CreditUsageKind }
}
