extension InMemoryOAuthStateStore.Contents {
    /// One bounded step of housekeeping (issue #16): drops what is due among expired codes and
    /// revocations, visits a few grants of the ring and prunes those that ended (revoked, or
    /// their refresh token expired by the server clock) at least `retention` seconds before
    /// `now`, with their tokens. At most about `budget` records are touched, so no request
    /// waits for a scan of the whole store.
    mutating func sweep(now: Double, retention: Double, budget: Int) {
        var work = dropPending(budget: budget)
        while work < budget, let hash = codeExpiry.popExpired(before: now) {
            if let code = codes[hash], code.expiresAt < now { codes[hash] = nil }
            work += 1
        }
        while work < budget, let jti = revocationExpiry.popExpired(before: now) {
            if let revocation = revokedAccessTokens[jti], revocation.expiresAt < now { revokedAccessTokens[jti] = nil }
            work += 1
        }
        // A few grants a call: the ring still turns faster than one grant a token request adds.
        var visited = 0
        while work < budget, visited < max(1, budget / 8), !sweepRing.isEmpty {
            if sweepCursor >= sweepRing.count { sweepCursor = 0 }
            visited += 1
            guard let slot = grants[sweepRing[sweepCursor]] else {
                removeRingEntry()
                continue
            }
            guard let ended = Self.endedAt(slot, refreshTokens: refreshTokens), now >= ended + retention else {
                sweepCursor += 1
                continue
            }
            prune(slot)
            removeRingEntry()
            work += 1
        }
    }

    /// When a grant stopped being usable: its revocation, or its live refresh token's expiry;
    /// nil while it may still be used (a token that never expires, or none to judge by).
    static func endedAt(_ slot: InMemoryOAuthStateStore.GrantSlot, refreshTokens: [String: RefreshTokenRecord]) -> Double? {
        if let revokedAt = slot.record.revokedAt { return revokedAt }
        guard let live = slot.live else { return nil }
        return refreshTokens[live]?.expiresAt
    }

    /// Forgets the grant and its whole tokens now; its compact rotated tokens are dropped by
    /// later steps, and until then a lookup finds no grant for them and answers nil.
    private mutating func prune(_ slot: InMemoryOAuthStateStore.GrantSlot) {
        grants[slot.record.id] = nil
        if let live = slot.live { refreshTokens[live] = nil }
        for hash in slot.others { refreshTokens[hash] = nil }
        if !slot.chain.isEmpty { pendingDrops.append(slot.chain) }
    }

    private mutating func dropPending(budget: Int) -> Int {
        var work = 0
        while work < budget, !pendingDrops.isEmpty {
            let last = pendingDrops.count - 1
            guard let digest = pendingDrops[last].popLast() else {
                pendingDrops.removeLast()
                continue
            }
            if rotatedRefreshTokens.removeValue(forKey: digest) == nil { refreshTokens[digest.hash] = nil }
            work += 1
        }
        return work
    }

    private mutating func removeRingEntry() {
        sweepRing.swapAt(sweepCursor, sweepRing.count - 1)
        sweepRing.removeLast()
    }

    /// Drops every code and revocation expired before `time` (a NaN time keeps none), popping
    /// only what is due.
    mutating func purge(expiredBefore time: Double) {
        if time.isNaN {
            codes = [:]
            codeExpiry.removeAll()
            revokedAccessTokens = [:]
            revocationExpiry.removeAll()
            return
        }
        while let hash = codeExpiry.popExpired(before: time) {
            if let code = codes[hash], code.expiresAt < time { codes[hash] = nil }
        }
        while let jti = revocationExpiry.popExpired(before: time) {
            if let revocation = revokedAccessTokens[jti], revocation.expiresAt < time { revokedAccessTokens[jti] = nil }
        }
    }
}
