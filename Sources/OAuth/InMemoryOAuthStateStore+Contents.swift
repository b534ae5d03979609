extension InMemoryOAuthStateStore {
    /// Everything the store holds. The mutating methods keep the indexes in step; the store
    /// calls them under its lock.
    struct Contents: Sendable {
        var keys: [String] = []
        var codes: [String: AuthorizationCodeRecord] = [:]
        var codeExpiry = ExpiryHeap()
        var grants: [String: GrantSlot] = [:]
        /// Every grant id once, for the incremental sweep (`+Sweep`), visited from `sweepCursor`.
        var sweepRing: [String] = []
        var sweepCursor = 0
        /// Pruned grants' token chains still to be dropped, a budget at a time.
        var pendingDrops: [[TokenDigest]] = []
        /// Tokens not yet rotated, and every token that cannot be kept compact.
        var refreshTokens: [String: RefreshTokenRecord] = [:]
        var rotatedRefreshTokens: [TokenDigest: RotatedRefreshToken] = [:]
        var revokedAccessTokens: [String: RevokedAccessTokenRecord] = [:]
        var revocationExpiry = ExpiryHeap()

        mutating func putCode(_ record: AuthorizationCodeRecord) {
            let previous = codes.updateValue(record, forKey: record.codeHash)
            if previous?.expiresAt != record.expiresAt { codeExpiry.insert(record.codeHash, expiresAt: record.expiresAt) }
        }

        mutating func putRevocation(_ record: RevokedAccessTokenRecord) {
            let previous = revokedAccessTokens.updateValue(record, forKey: record.jti)
            if previous?.expiresAt != record.expiresAt { revocationExpiry.insert(record.jti, expiresAt: record.expiresAt) }
        }

        /// The last grant stored for each client and person (`sharingStorage`).
        var grantTemplates: [String: GrantRecord] = [:]

        /// Every grant of one client and person carries the same scopes, resource and claims as
        /// a rule: a new one equal in those shares the stored one's storage, so a stream of code
        /// grants does not keep a copy of the same claims per grant (issue #16).
        mutating func sharingStorage(_ record: GrantRecord) -> GrantRecord {
            let key = record.clientID + "\u{1F}" + record.subjectID
            guard let template = grantTemplates[key] else {
                // Many clients (dynamic registration) must not grow it without bound either.
                if grantTemplates.count >= 4_096 { grantTemplates = [:] }
                grantTemplates[key] = record
                return record
            }
            var shared = record
            shared.clientID = template.clientID
            shared.subjectID = template.subjectID
            if template.scopes == record.scopes { shared.scopes = template.scopes }
            if template.resource == record.resource { shared.resource = template.resource }
            if template.claims == record.claims { shared.claims = template.claims }
            grantTemplates[key] = shared
            return shared
        }

        mutating func putGrant(_ record: GrantRecord) {
            let record = sharingStorage(record)
            if grants[record.id] != nil {
                grants[record.id]?.record = record
            } else {
                grants[record.id] = GrantSlot(record: record)
                sweepRing.append(record.id)
            }
        }

        func refreshToken(hash: String) -> RefreshTokenRecord? {
            if let record = refreshTokens[hash] { return record }
            guard let digest = TokenDigest(hash: hash), let rotated = rotatedRefreshTokens[digest],
                  let grant = grants[rotated.grantID]?.record else { return nil }
            return RefreshTokenRecord(tokenHash: hash, grantID: rotated.grantID, clientID: grant.clientID, issuedAt: rotated.issuedAt,
                                      expiresAt: nil, rotatedAt: rotated.rotatedAt)
        }

        /// A rotated token of a stored grant with a digest hash is kept compact; anything else
        /// whole. The grant's slot is edited in place, so its chain is never copied.
        mutating func putRefreshToken(_ record: RefreshTokenRecord) {
            let hash = record.tokenHash
            let digest = TokenDigest(hash: hash)
            guard let grant = grants[record.grantID]?.record else {
                if let digest { rotatedRefreshTokens[digest] = nil }
                refreshTokens[hash] = record
                return
            }
            let known = refreshTokens[hash] != nil || digest.map { rotatedRefreshTokens[$0] != nil } ?? false
            if let digest, let rotatedAt = record.rotatedAt, grant.clientID == record.clientID {
                refreshTokens[hash] = nil
                rotatedRefreshTokens[digest] = RotatedRefreshToken(grantID: grant.id, issuedAt: record.issuedAt, rotatedAt: rotatedAt)
            } else {
                if let digest { rotatedRefreshTokens[digest] = nil }
                refreshTokens[hash] = record
            }
            if !known {
                if let digest { grants[record.grantID]?.chain.append(digest) } else { grants[record.grantID]?.others.append(hash) }
            }
            if record.rotatedAt == nil {
                grants[record.grantID]?.live = hash
            } else if grants[record.grantID]?.live == hash {
                grants[record.grantID]?.live = nil
            }
        }

        /// The grant's tokens, oldest first; a rotated compact token names the next one of the
        /// chain as its successor.
        func chain(of slot: GrantSlot) -> [RefreshTokenRecord] {
            var tokens: [RefreshTokenRecord] = []
            for (index, digest) in slot.chain.enumerated() {
                let hash = digest.hash
                if var record = refreshToken(hash: hash) {
                    if rotatedRefreshTokens[digest] != nil, index + 1 < slot.chain.count { record.replacedByHash = slot.chain[index + 1].hash }
                    tokens.append(record)
                }
            }
            tokens += slot.others.compactMap { refreshTokens[$0] }
            return tokens.sorted { ($0.issuedAt, $0.tokenHash) < ($1.issuedAt, $1.tokenHash) }
        }

        /// Forgets every code, grant, refresh token and revocation (keys stay).
        mutating func removeAllButKeys() {
            self = Contents(keys: keys)
        }
    }
}
