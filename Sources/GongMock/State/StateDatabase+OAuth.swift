/// A small namespaced key/value store for the OAuth layer's durable state: signing keys (PEM),
/// grants, refresh-token hashes, revocations. Values are text (JSON or PEM); `expiresAt` lets
/// the owner purge stale entries. Namespaces in use are the integrator's choice, e.g.
/// `signing-keys`, `grants`, `refresh-tokens`, `revocations`.
extension StateDatabase {
    public struct OAuthEntry: Sendable, Equatable {
        public let key: String
        public let value: String
        public let expiresAt: Double?

        public init(key: String, value: String, expiresAt: Double? = nil) {
            self.key = key
            self.value = value
            self.expiresAt = expiresAt
        }
    }

    /// One write of a batch applied by `oauthApply`.
    public enum OAuthOperation: Sendable, Equatable {
        case put(namespace: String, entry: OAuthEntry)
        case delete(namespace: String, key: String)
    }

    public func oauthPut(namespace: String, key: String, value: String, expiresAt: Double? = nil) throws(StateDatabaseError) {
        try oauthApply([.put(namespace: namespace, entry: OAuthEntry(key: key, value: value, expiresAt: expiresAt))])
    }

    public func oauthDelete(namespace: String, key: String) throws(StateDatabaseError) {
        try oauthApply([.delete(namespace: namespace, key: key)])
    }

    /// Applies several writes atomically (e.g. consume a refresh token and store its successor).
    public func oauthApply(_ operations: [OAuthOperation]) throws(StateDatabaseError) {
        try transaction { (db: Access) throws(StateDatabaseError) in
            for operation in operations {
                switch operation {
                case .put(let namespace, let entry):
                    try db.run("INSERT OR REPLACE INTO oauth_kv (namespace, key, value, expires_at) VALUES (?, ?, ?, ?)",
                               [.text(namespace), .text(entry.key), .text(entry.value), entry.expiresAt.map(SQLiteValue.real) ?? .null])
                case .delete(let namespace, let key):
                    try db.run("DELETE FROM oauth_kv WHERE namespace = ? AND key = ?", [.text(namespace), .text(key)])
                }
            }
        }
    }

    public func oauthGet(namespace: String, key: String) throws(StateDatabaseError) -> OAuthEntry? {
        try read { (db: Access) throws(StateDatabaseError) -> [OAuthEntry] in
            try db.rows("SELECT key, value, expires_at FROM oauth_kv WHERE namespace = ? AND key = ?", [.text(namespace), .text(key)], Self.decodeEntry)
        }.first
    }

    /// Every entry of a namespace, in insertion order.
    public func oauthEntries(namespace: String) throws(StateDatabaseError) -> [OAuthEntry] {
        try read { (db: Access) throws(StateDatabaseError) -> [OAuthEntry] in
            try db.rows("SELECT key, value, expires_at FROM oauth_kv WHERE namespace = ? ORDER BY rowid", [.text(namespace)], Self.decodeEntry)
        }
    }

    /// Deletes entries whose `expiresAt` is before `time`, in every namespace.
    public func oauthPurge(expiredBefore time: Double) throws(StateDatabaseError) {
        try transaction { (db: Access) throws(StateDatabaseError) in
            try db.run("DELETE FROM oauth_kv WHERE expires_at IS NOT NULL AND expires_at < ?", [.real(time)])
        }
    }

    public func oauthClear(namespace: String) throws(StateDatabaseError) {
        try transaction { (db: Access) throws(StateDatabaseError) in
            try db.run("DELETE FROM oauth_kv WHERE namespace = ?", [.text(namespace)])
        }
    }

    private static func decodeEntry(_ row: SQLiteStatement) throws(StateDatabaseError) -> OAuthEntry {
        OAuthEntry(key: row.text(0) ?? "", value: row.text(1) ?? "", expiresAt: row.double(2))
    }
}
