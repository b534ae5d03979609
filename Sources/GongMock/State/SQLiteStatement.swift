import CSQLite

/// A value bound to or read from a statement.
enum SQLiteValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// One prepared statement (sqlite3_prepare_v2), finalized in `deinit`. Values are always bound
/// as parameters, never spliced into SQL text. Used only while the database lock is held.
final class SQLiteStatement {
    /// SQLITE_TRANSIENT: SQLite copies bound text before `bind` returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    let handle: OpaquePointer
    private let database: OpaquePointer
    private let path: String

    init(database: OpaquePointer, path: String, sql: String) throws(StateDatabaseError) {
        self.database = database
        self.path = path
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(database, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw SQLiteStatement.error(database: database, path: path, code: code, doing: "preparing a statement")
        }
        handle = statement
    }

    deinit { sqlite3_finalize(handle) }

    func bind(_ values: [SQLiteValue]) throws(StateDatabaseError) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
            case .real(let number): code = sqlite3_bind_double(handle, index, number)
            case .text(let text): code = sqlite3_bind_text(handle, index, text, -1, Self.transient)
            }
            guard code == SQLITE_OK else { throw Self.error(database: database, path: path, code: code, doing: "binding a parameter") }
        }
    }

    /// Steps once; true when a row is available.
    func step() throws(StateDatabaseError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw Self.error(database: database, path: path, code: code, doing: "executing a statement")
        }
    }

    /// Runs to completion, ignoring rows.
    func run(_ values: [SQLiteValue] = []) throws(StateDatabaseError) {
        try bind(values)
        while try step() {}
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    func double(_ column: Int32) -> Double? { isNull(column) ? nil : sqlite3_column_double(handle, column) }

    func int64(_ column: Int32) -> Int64? { isNull(column) ? nil : sqlite3_column_int64(handle, column) }

    static func error(database: OpaquePointer, path: String, code: Int32, doing action: String) -> StateDatabaseError {
        let detail = String(cString: sqlite3_errmsg(database))
        let primary = code & 0xFF
        if primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT {
            return StateDatabaseError(.corrupt, path: path, "the file is corrupt or not a SQLite database (\(detail))")
        }
        let kind: StateDatabaseError.Kind = action.hasPrefix("executing") ? .writeFailed : .readFailed
        return StateDatabaseError(kind, path: path, "SQLite error \(code) while \(action): \(detail)")
    }
}

extension SQLiteStatement {
    /// Column `column` as whatever type SQLite stored it (`SQLITE_BLOB` is not used by the schema).
    func value(_ column: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: .real(sqlite3_column_double(handle, column))
        case SQLITE_NULL: .null
        default: text(column).map(SQLiteValue.text) ?? .null
        }
    }

    var columnCount: Int32 { sqlite3_column_count(handle) }
}
