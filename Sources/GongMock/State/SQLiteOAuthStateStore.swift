import Essentials
import OAuth
import Synchronization

/// The durable `OAuthStateStore` for `--state-dir`: signing keys, authorization codes, grants,
/// refresh tokens and access-token revocations kept in the state database's `oauth_kv` table,
/// so tokens issued before a restart stay valid (and revoked ones stay revoked) after it.
///
/// Every record is one JSON object with a `format` version (see `+Records`). Writes go through
/// `StateDatabase`, whose commit has reached the disk when the call returns. A stored record
/// that cannot be read is an `OAuthStoreError` naming its namespace and key, never skipped: a
/// silently lost revocation would re-enable a revoked token.
///
/// Only codes and revocations carry the table's `expires_at`, because the database purge is
/// per table, not per namespace, and `OAuthStateStore.purge` must leave refresh tokens and grants
/// alone (their expiry lives inside the record and the server checks it); ended grants and their
/// tokens go through `sweep` (`+Sweep`), after the retention the server asks for.
public final class SQLiteOAuthStateStore: OAuthStateStore {
    /// The `oauth_kv` namespaces this store owns.
    public enum Namespace {
        public static let signingKeys = "signing-keys"
        public static let authorizationCodes = "authorization-codes"
        public static let grants = "grants"
        public static let refreshTokens = "refresh-tokens"
        public static let revokedAccessTokens = "revocations"
        /// Everything `removeAllGrantsAndCodes` forgets (all but the signing keys).
        static let resettable = [authorizationCodes, grants, refreshTokens, revokedAccessTokens]
    }

    public let database: StateDatabase
    /// Serialises `addSigningKeyPEM`'s read-then-insert, so two additions never pick one key.
    private let signingKeyLock = Mutex(())
    /// The incremental sweep's position (`+Sweep`).
    let sweepCursor = Mutex(SweepCursor())

    public init(database: StateDatabase) {
        self.database = database
    }

    // MARK: Signing keys

    public func signingKeyPEMs() throws(OAuthStoreError) -> [String] {
        try signingKeyEntries().map(\.pem)
    }

    public func addSigningKeyPEM(_ pem: String) throws(OAuthStoreError) {
        try signingKeyLock.withLock { (_: inout ()) throws(OAuthStoreError) in
            let next = (try signingKeyEntries().last?.sequence ?? 0) + 1
            let value = JSONSerializer.string(Self.encodeSigningKey(pem: pem))
            try write("adding a signing key") { () throws(StateDatabaseError) in
                try database.oauthPut(namespace: Namespace.signingKeys, key: Self.signingKeyName(next), value: value)
            }
        }
    }

    /// Keys are named by a sequence number and ordered by it, not by row order: SQLite may
    /// renumber rowids (VACUUM), and the server treats the last key as the current one.
    private func signingKeyEntries() throws(OAuthStoreError) -> [(sequence: Int, pem: String)] {
        let entries = try read("reading signing keys") { () throws(StateDatabaseError) in
            try database.oauthEntries(namespace: Namespace.signingKeys)
        }
        var keys: [(sequence: Int, pem: String)] = []
        for entry in entries {
            guard let sequence = Self.signingKeySequence(entry.key) else {
                throw OAuthStoreError("stored record \(Namespace.signingKeys)/\(entry.key): the key is not a signing-key sequence name like \(Self.signingKeyName(1))")
            }
            keys.append((sequence, try Self.decodeSigningKey(try fields(Namespace.signingKeys, entry))))
        }
        return keys.sorted { $0.sequence < $1.sequence }
    }

    static func signingKeyName(_ sequence: Int) -> String {
        let digits = String(sequence)
        return "key-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    static func signingKeySequence(_ name: String) -> Int? {
        guard name.hasPrefix("key-"), let number = Int(name.dropFirst(4)), number > 0 else { return nil }
        return number
    }

    // MARK: Authorization codes

    public func authorizationCode(hash: String) throws(OAuthStoreError) -> AuthorizationCodeRecord? {
        guard let fields = try entry(Namespace.authorizationCodes, hash) else { return nil }
        return try Self.decodeAuthorizationCode(fields)
    }

    public func putAuthorizationCode(_ record: AuthorizationCodeRecord) throws(OAuthStoreError) {
        try put(Namespace.authorizationCodes, key: record.codeHash, try Self.encode(record), expiresAt: record.expiresAt)
    }

    // MARK: Grants

    public func grant(id: String) throws(OAuthStoreError) -> GrantRecord? {
        guard let fields = try entry(Namespace.grants, id) else { return nil }
        return try Self.decodeGrant(fields)
    }

    /// Oldest first, ties broken by id, as `InMemoryOAuthStateStore` orders them.
    public func allGrants() throws(OAuthStoreError) -> [GrantRecord] {
        let entries = try read("listing grants") { () throws(StateDatabaseError) in
            try database.oauthEntries(namespace: Namespace.grants)
        }
        var grants: [GrantRecord] = []
        for entry in entries { grants.append(try Self.decodeGrant(try fields(Namespace.grants, entry))) }
        return grants.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    public func putGrant(_ record: GrantRecord) throws(OAuthStoreError) {
        try put(Namespace.grants, key: record.id, try Self.encode(record), expiresAt: nil)
    }

    // MARK: Refresh tokens

    public func refreshToken(hash: String) throws(OAuthStoreError) -> RefreshTokenRecord? {
        guard let fields = try entry(Namespace.refreshTokens, hash) else { return nil }
        return try Self.decodeRefreshToken(fields)
    }

    /// The expiry stays inside the record only: `purge` must not drop refresh tokens.
    public func putRefreshToken(_ record: RefreshTokenRecord) throws(OAuthStoreError) {
        try put(Namespace.refreshTokens, key: record.tokenHash, try Self.encode(record), expiresAt: nil)
    }

    // MARK: Access-token revocations

    public func revokedAccessToken(jti: String) throws(OAuthStoreError) -> RevokedAccessTokenRecord? {
        guard let fields = try entry(Namespace.revokedAccessTokens, jti) else { return nil }
        return try Self.decodeRevokedAccessToken(fields)
    }

    public func putRevokedAccessToken(_ record: RevokedAccessTokenRecord) throws(OAuthStoreError) {
        try put(Namespace.revokedAccessTokens, key: record.jti, try Self.encode(record), expiresAt: record.expiresAt)
    }

    // MARK: Housekeeping

    /// Drops codes and revocations with `expiresAt < time`, exactly what the in-memory store
    /// drops. A NaN `time` keeps nothing there (every comparison with it fails), while SQLite
    /// would bind it as NULL and keep everything, so that case clears the two namespaces.
    public func purge(expiredBefore time: Double) throws(OAuthStoreError) {
        try write("purging expired codes and revocations") { () throws(StateDatabaseError) in
            if time.isNaN {
                try database.oauthClear(namespaces: [Namespace.authorizationCodes, Namespace.revokedAccessTokens])
            } else {
                try database.oauthPurge(expiredBefore: time)
            }
        }
    }

    public func removeAllGrantsAndCodes() throws(OAuthStoreError) {
        try write("forgetting codes, grants, refresh tokens and revocations") { () throws(StateDatabaseError) in
            try database.oauthClear(namespaces: Namespace.resettable)
        }
    }

    // MARK: Plumbing

    private func entry(_ namespace: String, _ key: String) throws(OAuthStoreError) -> RecordFields? {
        let found = try read("reading \(namespace)/\(key)") { () throws(StateDatabaseError) in
            try database.oauthGet(namespace: namespace, key: key)
        }
        guard let found else { return nil }
        return try fields(namespace, found)
    }

    func fields(_ namespace: String, _ entry: StateDatabase.OAuthEntry) throws(OAuthStoreError) -> RecordFields {
        try RecordFields(namespace: namespace, key: entry.key, text: entry.value)
    }

    private func put(_ namespace: String, key: String, _ record: JSONObject, expiresAt: Double?) throws(OAuthStoreError) {
        let value = JSONSerializer.string(.object(record))
        try write("writing \(namespace)/\(key)") { () throws(StateDatabaseError) in
            try database.oauthPut(namespace: namespace, key: key, value: value, expiresAt: expiresAt)
        }
    }

    func read<Result>(_ doing: String, _ body: () throws(StateDatabaseError) -> Result) throws(OAuthStoreError) -> Result {
        do { return try body() } catch { throw OAuthStoreError("\(doing) failed: \(error)") }
    }

    func write(_ doing: String, _ body: () throws(StateDatabaseError) -> Void) throws(OAuthStoreError) {
        do { try body() } catch { throw OAuthStoreError("\(doing) failed: \(error)") }
    }
}

extension SQLiteOAuthStateStore {
    /// Every grant with its refresh-token chain (hashes only), oldest first, for `GET /_mock/state`.
    public func exportedGrants() throws(OAuthStoreError) -> [OAuthServer.ExportedGrant] {
        let entries = try read("listing refresh tokens") { () throws(StateDatabaseError) in
            try database.oauthEntries(namespace: Namespace.refreshTokens)
        }
        var chains: [String: [RefreshTokenRecord]] = [:]
        for entry in entries {
            let record = try Self.decodeRefreshToken(try fields(Namespace.refreshTokens, entry))
            chains[record.grantID, default: []].append(record)
        }
        return try allGrants().map { grant in
            let chain = (chains[grant.id] ?? []).sorted { ($0.issuedAt, $0.tokenHash) < ($1.issuedAt, $1.tokenHash) }
            return OAuthServer.ExportedGrant(grant: grant, refreshTokens: chain)
        }
    }

    /// Stores `grants` and their refresh tokens (into an empty scratch database, for `PUT /_mock/state`).
    func put(_ grants: [OAuthServer.ExportedGrant]) throws(OAuthStoreError) {
        for exported in grants {
            try putGrant(exported.grant)
            for token in exported.refreshTokens { try putRefreshToken(token) }
        }
    }
}
