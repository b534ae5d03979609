import CSQLite
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The `--state-dir` store: one SQLite database (`gong-mock-state.sqlite`) in WAL mode with
/// `synchronous=FULL`, so a committed transaction is on disk (fsync of the WAL) before the call
/// returns — what the mock acknowledged survives a restart or a kill -9 (issue #3 §7).
///
/// The in-memory models stay the source of truth for reads; this store is loaded once at start
/// and then written through on every mutation. A file that is corrupt, not a gong-mock state
/// file, or written by a newer schema is refused with an error naming it; it is never reset.
///
/// Schema version 1 (table `meta` holds `application` = `gong-mock` and `schema_version`):
/// `integrations`, `registered_clients`, `credit_balance` (one row), `credit_kinds` + `credit_rows` (the usage ledger in numbers),
/// `admin_sessions` (hashed admin session ids), `settings` (the controls' switches), `oauth_kv` (namespaced key/value with optional expiry, for the OAuth layer's keys, grants,
/// refresh-token hashes and revocations). All SQL uses bound parameters only.
public final class StateDatabase: Sendable {
    public static let schemaVersion = 1
    public static let fileName = "gong-mock-state.sqlite"
    public static let applicationName = "gong-mock"

    public let path: String
    let connection: Mutex<OpaquePointer>

    /// Opens (or creates) `DIR/gong-mock-state.sqlite`, creating `DIR` (mode 0700) if needed.
    public convenience init(directory: String) throws(StateDatabaseError) {
        let path = directory.hasSuffix("/") ? directory + Self.fileName : directory + "/" + Self.fileName
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw StateDatabaseError(.cannotOpen, path: path, "cannot create the state directory \(directory): \(error)")
        }
        try self.init(path: path)
    }

    /// Opens (or creates) the database file at `path`.
    public init(path: String) throws(StateDatabaseError) {
        self.path = path
        connection = Mutex(try Self.open(path: path))
    }

    deinit {
        connection.withLock { handle in _ = sqlite3_close_v2(handle) }
    }

    // MARK: Opening

    private static func open(path: String) throws(StateDatabaseError) -> OpaquePointer {
        let existed = FileManager.default.fileExists(atPath: path)
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let detail = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            if let handle { sqlite3_close_v2(handle) }
            throw StateDatabaseError(.cannotOpen, path: path, "cannot open it (\(detail))")
        }
        do throws(StateDatabaseError) {
            try prepare(handle, path: path)
            if !existed, path != ":memory:" { chmod(path, 0o600) }
            return handle
        } catch {
            sqlite3_close_v2(handle)
            throw error
        }
    }

    private static func prepare(_ db: OpaquePointer, path: String) throws(StateDatabaseError) {
        sqlite3_busy_timeout(db, 5_000)
        try execute(db, path: path, "PRAGMA journal_mode=WAL")
        try execute(db, path: path, "PRAGMA synchronous=FULL")
        try execute(db, path: path, "PRAGMA foreign_keys=ON")
        let check = try SQLiteStatement(database: db, path: path, sql: "PRAGMA quick_check")
        if try check.step(), let verdict = check.text(0), verdict != "ok" {
            throw StateDatabaseError(.corrupt, path: path, "integrity check failed: \(verdict)")
        }
        let tables = try SQLiteStatement(database: db, path: path, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        var names = Set<String>()
        while try tables.step() { if let name = tables.text(0) { names.insert(name) } }
        if names.isEmpty {
            try createSchema(db, path: path)
            return
        }
        guard names.contains("meta") else {
            throw StateDatabaseError(.notGongMockState, path: path, "it is a SQLite database but not a gong-mock state file (no meta table; tables: \(names.sorted().joined(separator: ", ")))")
        }
        let meta = try SQLiteStatement(database: db, path: path, sql: "SELECT key, value FROM meta")
        var values: [String: String] = [:]
        while try meta.step() { if let key = meta.text(0), let value = meta.text(1) { values[key] = value } }
        guard values["application"] == applicationName else {
            throw StateDatabaseError(.notGongMockState, path: path, "meta.application is \(values["application"].map { "'\($0)'" } ?? "missing"), expected '\(applicationName)'")
        }
        guard let versionText = values["schema_version"], let version = Int(versionText) else {
            throw StateDatabaseError(.corrupt, path: path, "meta.schema_version is \(values["schema_version"].map { "'\($0)'" } ?? "missing"), expected a number")
        }
        guard version == schemaVersion else {
            let why = version > schemaVersion
                ? "it was written by a newer gong-mock (schema version \(version); this build reads version \(schemaVersion))"
                : "it has an unknown schema version \(version) (this build reads version \(schemaVersion))"
            throw StateDatabaseError(.unsupportedVersion, path: path, why)
        }
        for statement in additiveSchema { try execute(db, path: path, statement) }
        if names.contains("credit_usage") { try migrateCreditUsage(db, path: path) }
    }

    /// Tables added to schema 1 after it first shipped, created when missing (`IF NOT EXISTS`).
    static var additiveSchema: [String] { creditSchema + adminSessionSchema + settingsSchema }

    static let schema: [String] = [
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE integrations (id TEXT PRIMARY KEY, name TEXT NOT NULL, authorization_context TEXT NOT NULL,
            registration_type TEXT NOT NULL, redirect_uris TEXT NOT NULL, chatgpt_dynamic INTEGER NOT NULL,
            scopes TEXT NOT NULL, client_id TEXT NOT NULL UNIQUE, client_secret TEXT NOT NULL,
            created_at REAL NOT NULL, secret_rotated_at REAL)
        """,
        """
        CREATE TABLE registered_clients (client_id TEXT PRIMARY KEY, client_secret TEXT, auth_method TEXT NOT NULL,
            redirect_uris TEXT NOT NULL, name TEXT,
            integration_id TEXT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE, created_at REAL NOT NULL)
        """,
        "CREATE TABLE credit_balance (id INTEGER PRIMARY KEY CHECK (id = 1), balance REAL NOT NULL, total REAL NOT NULL)",
        """
        CREATE TABLE oauth_kv (namespace TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, expires_at REAL,
            PRIMARY KEY (namespace, key))
        """,
    ]

    private static func createSchema(_ db: OpaquePointer, path: String) throws(StateDatabaseError) {
        try execute(db, path: path, "BEGIN IMMEDIATE")
        do throws(StateDatabaseError) {
            for statement in schema + additiveSchema { try execute(db, path: path, statement) }
            let insert = try SQLiteStatement(database: db, path: path, sql: "INSERT INTO meta (key, value) VALUES (?, ?)")
            try insert.run([.text("application"), .text(applicationName)])
            let version = try SQLiteStatement(database: db, path: path, sql: "INSERT INTO meta (key, value) VALUES (?, ?)")
            try version.run([.text("schema_version"), .text(String(schemaVersion))])
            try execute(db, path: path, "COMMIT")
        } catch {
            _ = sqlite3_exec(db, "ROLLBACK", nil, nil, nil)
            throw error
        }
    }

    /// Runs SQL without parameters (pragmas, DDL, transaction control).
    static func execute(_ db: OpaquePointer, path: String, _ sql: String) throws(StateDatabaseError) {
        let code = sqlite3_exec(db, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw SQLiteStatement.error(database: db, path: path, code: code, doing: "executing \(sql.prefix(40))") }
    }

    // MARK: Access

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT` under the connection lock; rolls back if it
    /// throws. With synchronous=FULL the commit has reached the disk when this returns.
    func transaction<Result: Sendable>(_ body: (Access) throws(StateDatabaseError) -> Result) throws(StateDatabaseError) -> Result {
        let path = self.path
        return try connection.withLock { (handle: inout OpaquePointer) throws(StateDatabaseError) -> Result in
            try Self.execute(handle, path: path, "BEGIN IMMEDIATE")
            do throws(StateDatabaseError) {
                let result = try body(Access(database: handle, path: path))
                try Self.execute(handle, path: path, "COMMIT")
                return result
            } catch {
                _ = sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
                throw error
            }
        }
    }

    /// Runs read-only queries under the connection lock.
    func read<Result: Sendable>(_ body: (Access) throws(StateDatabaseError) -> Result) throws(StateDatabaseError) -> Result {
        let path = self.path
        return try connection.withLock { (handle: inout OpaquePointer) throws(StateDatabaseError) -> Result in
            try body(Access(database: handle, path: path))
        }
    }

    /// What a transaction body may do: run parameterised statements.
    struct Access {
        let database: OpaquePointer
        let path: String

        func run(_ sql: String, _ values: [SQLiteValue] = []) throws(StateDatabaseError) {
            try SQLiteStatement(database: database, path: path, sql: sql).run(values)
        }

        func rows<Row>(_ sql: String, _ values: [SQLiteValue] = [], _ decode: (SQLiteStatement) throws(StateDatabaseError) -> Row) throws(StateDatabaseError) -> [Row] {
            let statement = try SQLiteStatement(database: database, path: path, sql: sql)
            try statement.bind(values)
            var rows: [Row] = []
            while try statement.step() { rows.append(try decode(statement)) }
            return rows
        }

        func corrupt(_ what: String) -> StateDatabaseError {
            StateDatabaseError(.corrupt, path: path, what)
        }
    }
}
