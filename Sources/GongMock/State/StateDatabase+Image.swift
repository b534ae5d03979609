import CSQLite
/// The whole resettable state as table rows, for the test controls with `--state-dir` (issue #15
/// item 1, issue #16 item 4): reset, snapshot/restore and `PUT /_mock/state` each become one
/// `BEGIN IMMEDIATE … COMMIT` that replaces every table below, so after a kill -9 the file holds
/// either the whole old state or the whole new one, never a mix.
///
/// Signing keys (`oauth_kv` namespace `signing-keys`) and `meta` are outside the image: tokens
/// signed before a restore stay verifiable, as with the in-memory store.
extension StateDatabase {
    /// Rows of each table, in the tables' own column order; opaque outside the state layer.
    public struct Image: Sendable {
        var tables: [String: [[SQLiteValue]]]
        /// `credit_rows`, the one table that grows with use, as numbers: 32 bytes a row, so a
        /// snapshot of a 500k-call ledger costs about 16 MB, not the ~70 MB of generic rows.
        var creditRows: [StoredCreditRow] = []

        /// Copies `tables` from `other` (e.g. the parts a `PUT /_mock/state` left out).
        mutating func take(_ tables: [String], from other: Image) {
            for table in tables { self.tables[table] = other.tables[table] ?? [] }
            if tables.contains("credit_rows") { creditRows = other.creditRows }
        }

        /// Keeps only the `oauth_kv` rows of `namespaces` and adds `other`'s rows of them.
        mutating func replaceOAuth(namespaces: Set<String>, from other: Image) {
            let keep = (tables["oauth_kv"] ?? []).filter { row in !Self.inNamespaces(row, namespaces) }
            tables["oauth_kv"] = keep + (other.tables["oauth_kv"] ?? []).filter { Self.inNamespaces($0, namespaces) }
        }

        private static func inNamespaces(_ row: [SQLiteValue], _ namespaces: Set<String>) -> Bool {
            if case .text(let namespace) = row.first { return namespaces.contains(namespace) }
            return false
        }

        /// Number of rows, for logs and tests.
        public var rowCount: Int { tables.values.reduce(creditRows.count) { $0 + $1.count } }
    }

    /// Tables in the image, parents before children: inserts run in this order, deletes in reverse
    /// (`registered_clients` refers to `integrations`, `credit_rows` to `credit_kinds`).
    static let imageTables = ["integrations", "registered_clients", "credit_balance", "credit_kinds", "credit_rows",
                              "admin_sessions", "oauth_kv", "settings"]
    /// Image tables that hold the integrations and their DCR clients.
    static let integrationTables = ["integrations", "registered_clients"]
    /// Image tables that hold the credit pool and its ledger.
    static let creditTables = ["credit_balance", "credit_kinds", "credit_rows"]

    private static func selection(_ table: String) -> String {
        table == "oauth_kv"
            ? "SELECT * FROM oauth_kv WHERE namespace <> '\(SQLiteOAuthStateStore.Namespace.signingKeys)' ORDER BY rowid"
            : "SELECT * FROM \(table) ORDER BY rowid"
    }

    /// The image as it is now: one read under the connection lock, so one instant.
    public func captureImage() throws(StateDatabaseError) -> Image {
        try read { (db: Access) throws(StateDatabaseError) -> Image in try Self.capture(db) }
    }

    static func capture(_ db: Access) throws(StateDatabaseError) -> Image {
        var tables: [String: [[SQLiteValue]]] = [:]
        for table in imageTables where table != "credit_rows" {
            let statement = try SQLiteStatement(database: db.database, path: db.path, sql: selection(table))
            var rows: [[SQLiteValue]] = []
            while try statement.step() { rows.append((0..<statement.columnCount).map(statement.value)) }
            tables[table] = rows
        }
        return Image(tables: tables, creditRows: try creditRows(db, after: 0, in: nil, limit: Int.max))
    }

    /// Replaces every image table with `image`'s rows in one transaction (`keeping` tables are
    /// left as they are, e.g. `admin_sessions` on reset). Committed to disk when this returns.
    public func replace(with image: Image, keeping: Set<String> = []) throws(StateDatabaseError) {
        try transaction { (db: Access) throws(StateDatabaseError) in try Self.replace(db, with: image, keeping: keeping) }
    }

    static func replace(_ db: Access, with image: Image, keeping: Set<String>) throws(StateDatabaseError) {
        let tables = imageTables.filter { !keeping.contains($0) }
        for table in tables.reversed() {
            if table == "oauth_kv" {
                try db.run("DELETE FROM oauth_kv WHERE namespace <> ?", [.text(SQLiteOAuthStateStore.Namespace.signingKeys)])
            } else {
                try db.run("DELETE FROM \(table)")
            }
        }
        for table in tables {
            let width = table == "credit_rows" ? 4 : image.tables[table]?.first?.count ?? 0
            guard width > 0 else { continue }
            let statement = try SQLiteStatement(database: db.database, path: db.path,
                                                sql: "INSERT INTO \(table) VALUES (\(Array(repeating: "?", count: width).joined(separator: ", ")))")
            func insert(_ row: [SQLiteValue]) throws(StateDatabaseError) {
                try statement.run(row)
                sqlite3_reset(statement.handle)
                sqlite3_clear_bindings(statement.handle)
            }
            if table == "credit_rows" {
                for row in image.creditRows { try insert(values(row)) }
            } else {
                for row in image.tables[table] ?? [] { try insert(row) }
            }
        }
    }

    /// A private database in memory with the same schema: the controls build a state there (a
    /// seed applied to nothing, a `PUT /_mock/state` document) and take its image.
    public static func scratch() throws(StateDatabaseError) -> StateDatabase {
        try StateDatabase(path: ":memory:")
    }
}
