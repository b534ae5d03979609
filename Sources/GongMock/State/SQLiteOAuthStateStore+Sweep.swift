import OAuth

extension SQLiteOAuthStateStore {
    /// Where the incremental sweep stopped in each namespace (rowids; 0 starts over), and how
    /// many calls it has had: it reads only every `sweepInterval`th call, so most token requests
    /// pay nothing for it.
    struct SweepCursor: Sendable {
        var refreshTokenRow: Int64 = 0
        var grantRow: Int64 = 0
        var calls = 0
    }

    /// Reads happen every this many calls, of this many times the budget: a rotation writes two
    /// rows (each REPLACE takes a new rowid), so the cursor still outruns the writes four times.
    static let sweepInterval = 16

    /// One bounded step (issue #16), every `sweepInterval`th call: reads the next
    /// `budget × sweepInterval / 4` refresh-token rows and as many grant rows after the cursor and deletes, in one transaction, the grants that
    /// ended (revoked, or their live refresh token expired) at least `retention` seconds before
    /// `now` together with their refresh tokens, and refresh tokens whose grant is gone. A
    /// grant's other tokens go when the cursor reaches them. Rows that cannot be read are left
    /// for the reads that report them.
    public func sweep(now: Double, retention: Double, budget: Int) throws(OAuthStoreError) {
        try sweepCursor.withLock { (cursor: inout SweepCursor) throws(OAuthStoreError) in
            cursor.calls += 1
            guard cursor.calls % Self.sweepInterval == 0 else { return }
            let budget = budget * Self.sweepInterval / 4
            var operations: [StateDatabase.OAuthOperation] = []
            var grants: [String: GrantRecord?] = [:]
            var ended = Set<String>()
            let tokens = try slice(Namespace.refreshTokens, after: &cursor.refreshTokenRow, budget: budget)
            for entry in tokens {
                guard let token = try? Self.decodeRefreshToken(try fields(Namespace.refreshTokens, entry)) else { continue }
                let grant: GrantRecord?
                if let cached = grants[token.grantID] {
                    grant = cached
                } else {
                    let loaded: GrantRecord?
                    do { loaded = try self.grant(id: token.grantID) } catch { continue }
                    grant = loaded
                    grants[token.grantID] = .some(loaded)
                }
                guard let grant, !ended.contains(grant.id) else {
                    operations.append(.delete(namespace: Namespace.refreshTokens, key: entry.key))
                    continue
                }
                let end = grant.revokedAt ?? (token.rotatedAt == nil ? token.expiresAt : nil)
                guard let end, now >= end + retention else { continue }
                ended.insert(grant.id)
                operations.append(.delete(namespace: Namespace.grants, key: grant.id))
                operations.append(.delete(namespace: Namespace.refreshTokens, key: entry.key))
            }
            for entry in try slice(Namespace.grants, after: &cursor.grantRow, budget: budget) where !ended.contains(entry.key) {
                guard let grant = try? Self.decodeGrant(try fields(Namespace.grants, entry)), let revokedAt = grant.revokedAt,
                      now >= revokedAt + retention else { continue }
                ended.insert(grant.id)
                operations.append(.delete(namespace: Namespace.grants, key: grant.id))
            }
            guard !operations.isEmpty else { return }
            try write("pruning ended grants") { () throws(StateDatabaseError) in try database.oauthApply(operations) }
        }
    }

    /// The next rows of a namespace after `row`, moving it on; past the last row it starts over.
    private func slice(_ namespace: String, after row: inout Int64, budget: Int) throws(OAuthStoreError) -> [StateDatabase.OAuthEntry] {
        let start = row
        let rows = try read("sweeping \(namespace)") { () throws(StateDatabaseError) in
            try database.oauthEntries(namespace: namespace, afterRow: start, limit: budget)
        }
        row = rows.count < budget ? 0 : rows.last?.row ?? 0
        return rows.map(\.entry)
    }
}
