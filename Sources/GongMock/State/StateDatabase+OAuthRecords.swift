extension StateDatabase {
    /// Empties several OAuth namespaces in one transaction, so a reset is never seen half done
    /// (grants gone but their refresh tokens still there) even if the process dies midway.
    public func oauthClear(namespaces: [String]) throws(StateDatabaseError) {
        try transaction { (db: Access) throws(StateDatabaseError) in
            for namespace in namespaces {
                try db.run("DELETE FROM oauth_kv WHERE namespace = ?", [.text(namespace)])
            }
        }
    }
}

extension StateDatabase {
    /// Up to `limit` entries of a namespace with a rowid above `afterRow`, in rowid order, with
    /// their rowids: a cursor for sweeping a large namespace a slice at a time (issue #16).
    public func oauthEntries(namespace: String, afterRow: Int64, limit: Int) throws(StateDatabaseError) -> [(row: Int64, entry: OAuthEntry)] {
        try read { (db: Access) throws(StateDatabaseError) -> [(row: Int64, entry: OAuthEntry)] in
            try db.rows("SELECT rowid, key, value, expires_at FROM oauth_kv WHERE namespace = ? AND rowid > ? ORDER BY rowid LIMIT ?",
                        [.text(namespace), .integer(afterRow), .integer(Int64(limit))]) { row in
                (row.int64(0) ?? 0, OAuthEntry(key: row.text(1) ?? "", value: row.text(2) ?? "", expiresAt: row.double(3)))
            }
        }
    }
}
