import Essentials

/// The Gong-credit pool and its usage ledger. Usage rows are stored as JSON objects (the
/// columns of Gong's credit-usage report, gong.md §1.6) so the ledger's row type can grow
/// without a schema change.
extension StateDatabase {
    /// One stored usage row.
    public struct StoredCreditUsage: Sendable, Equatable {
        public let sequence: Int64
        public let recordedAt: Double
        public let row: JSONValue
    }

    public func saveCreditBalance(balance: Double, total: Double) throws(StateDatabaseError) {
        try transaction { (db: Access) throws(StateDatabaseError) in
            try db.run("INSERT OR REPLACE INTO credit_balance (id, balance, total) VALUES (1, ?, ?)", [.real(balance), .real(total)])
        }
    }

    /// Appends a usage row and sets the new balance in one transaction, so a charge is never
    /// half-recorded.
    @discardableResult
    public func recordCreditUsage(_ row: JSONValue, recordedAt: Double, balance: Double, total: Double) throws(StateDatabaseError) -> Int64 {
        try transaction { (db: Access) throws(StateDatabaseError) -> Int64 in
            try db.run("INSERT INTO credit_usage (recorded_at, row) VALUES (?, ?)", [.real(recordedAt), .text(JSONSerializer.string(row))])
            try db.run("INSERT OR REPLACE INTO credit_balance (id, balance, total) VALUES (1, ?, ?)", [.real(balance), .real(total)])
            return try db.rows("SELECT last_insert_rowid()") { $0.int64(0) ?? 0 }.first ?? 0
        }
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

    public func loadCreditUsage() throws(StateDatabaseError) -> [StoredCreditUsage] {
        try read { (db: Access) throws(StateDatabaseError) -> [StoredCreditUsage] in
            try db.rows("SELECT seq, recorded_at, row FROM credit_usage ORDER BY seq") { (row: SQLiteStatement) throws(StateDatabaseError) -> StoredCreditUsage in
                guard let sequence = row.int64(0), let recordedAt = row.double(1), let text = row.text(2),
                      let value = try? JSONParser.parse(text) else {
                    throw db.corrupt("credit_usage row \(row.int64(0) ?? -1) is not valid JSON")
                }
                return StoredCreditUsage(sequence: sequence, recordedAt: recordedAt, row: value)
            }
        }
    }

    public func clearCreditUsage() throws(StateDatabaseError) {
        try transaction { (db: Access) throws(StateDatabaseError) in try db.run("DELETE FROM credit_usage") }
    }

    private struct Pair: Sendable { let balance: Double; let total: Double }
}
