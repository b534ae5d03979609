/// Admin browser sessions (`admin_sessions`): the SHA-256 of the session id, never the id itself.
extension StateDatabase: AdminSessionPersistence {
    static let adminSessionSchema = [
        "CREATE TABLE IF NOT EXISTS admin_sessions (id_hash TEXT PRIMARY KEY, csrf_token TEXT NOT NULL, created_at REAL NOT NULL)",
    ]

    public func saveAdminSession(_ session: StoredAdminSession) throws {
        try transaction { (db: Access) throws(StateDatabaseError) in
            try db.run("INSERT OR REPLACE INTO admin_sessions (id_hash, csrf_token, created_at) VALUES (?, ?, ?)",
                       [.text(session.idHash), .text(session.csrfToken), .real(session.createdAt)])
        }
    }

    public func deleteAdminSession(idHash: String) throws {
        try transaction { (db: Access) throws(StateDatabaseError) in
            try db.run("DELETE FROM admin_sessions WHERE id_hash = ?", [.text(idHash)])
        }
    }

    /// Sessions started after `since` (older ones have expired; they are dropped from the file).
    public func loadAdminSessions(startedAfter since: Double) throws(StateDatabaseError) -> [StoredAdminSession] {
        try transaction { (db: Access) throws(StateDatabaseError) -> [StoredAdminSession] in
            try db.run("DELETE FROM admin_sessions WHERE created_at < ?", [.real(since)])
            return try db.rows("SELECT id_hash, csrf_token, created_at FROM admin_sessions") { (row: SQLiteStatement) throws(StateDatabaseError) -> StoredAdminSession in
                guard let hash = row.text(0), let csrf = row.text(1), let created = row.double(2) else {
                    throw db.corrupt("admin_sessions has a missing value")
                }
                return StoredAdminSession(idHash: hash, csrfToken: csrf, createdAt: created)
            }
        }
    }
}
