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
