import CryptoPrimitives
import Essentials
import HTTPServer
import Testing
@testable import OAuth

/// Issue #16: the in-memory store stays bounded under a stream of grants without weakening
/// replay and reuse detection: redeemed codes and rotated refresh tokens are kept compact, and
/// grants that ended are forgotten after `endedGrantRetention`, their tokens still refused.
@Suite struct StoreRetentionTests {
    static let auth = Harness.basic("manual-1", "s3cret")

    static func retained(_ configure: @escaping (inout OAuthConfiguration) -> Void = { _ in }) throws -> (Harness, InMemoryOAuthStateStore) {
        let harness = try Harness { configuration in
            configuration.autoApproveSubject = "u-ada"
            configuration.accessTokenTTL = 60
            configuration.endedGrantRetention = 100
            configure(&configuration)
        }
        return (harness, try #require(harness.server.store as? InMemoryOAuthStateStore))
    }

    static func refresh(_ harness: Harness, _ token: String) throws -> JSONObject {
        try Harness.json(try harness.post("/oauth2/token", form: [("grant_type", "refresh_token"), ("refresh_token", token)], headers: auth))
    }

    static func description(_ body: JSONObject) -> String { body["error_description"]?.stringValue ?? "\(body)" }

    @Test func rotatedRefreshTokensAreKeptCompactAndReuseStillRevokesTheGrant() throws {
        let (harness, store) = try Self.retained()
        let first = try harness.tokens(code: try harness.code())
        var tokens = [try #require(first["refresh_token"]?.stringValue)]
        for _ in 0..<40 {
            harness.clock.advance(by: 1)
            tokens.append(try #require(try Self.refresh(harness, tokens[tokens.count - 1])["refresh_token"]?.stringValue))
        }
        #expect(store.counts.grants == 1)
        #expect(store.counts.refreshTokens == 1, "only the live token is kept whole")
        #expect(store.counts.rotatedRefreshTokens == 40)

        let chain = try #require(harness.server.exportedGrants().first).refreshTokens
        #expect(chain.map(\.tokenHash) == tokens.map(TokenHash.of))
        for (index, token) in chain.dropLast().enumerated() {
            #expect(token.rotatedAt != nil && token.replacedByHash == chain[index + 1].tokenHash)
        }
        #expect(chain.last?.rotatedAt == nil && chain.last?.replacedByHash == nil)

        let reuse = try Self.refresh(harness, tokens[5])
        #expect(reuse["error"] == "invalid_grant")
        #expect(Self.description(reuse).contains("already rotated"))
        let live = try Self.refresh(harness, tokens[40])
        #expect(Self.description(live).contains("refresh token reuse detected"), "the whole grant is revoked")
    }

    @Test func aRedeemedCodeKeepsOnlyWhatReplayDetectionReadsAndAReplayStillRevokes() throws {
        let (harness, store) = try Self.retained()
        let code = try harness.code()
        let access = try #require(try harness.tokens(code: code)["access_token"]?.stringValue)
        let kept = try #require(try store.authorizationCode(hash: TokenHash.of(code)))
        #expect(kept.consumedAt != nil && kept.grantID != nil && kept.clientID == "manual-1")
        #expect(kept.redirectURI.isEmpty && kept.codeChallenge.isEmpty && kept.scopes.isEmpty && kept.claims.isEmpty && kept.subjectID.isEmpty)

        let replay = try Harness.json(try harness.post("/oauth2/token", form: TokenTests.codeForm(code), headers: Self.auth))
        #expect(replay["error"] == "invalid_grant")
        #expect(Self.description(replay).contains("already used"))
        guard case .failure(.revoked(let reason)) = harness.server.verifyAccessToken(access) else {
            Issue.record("a replayed code must revoke its grant's tokens")
            return
        }
        #expect(reason.contains("authorization code replay"))
    }

    @Test func theMinutesPurgeKeepsRunningWhenTheClockIsSetBack() throws {
        let (harness, _) = try Self.retained()
        harness.clock.advance(by: 10_000)
        harness.server.purgeIfDue()
        let ahead = harness.server.state.withLock { $0.lastPurge }
        harness.clock.advance(by: -5_000)
        harness.server.purgeIfDue()
        #expect(harness.server.state.withLock { $0.lastPurge } == ahead - 5_000, "a clock set back must not stop the purge until it catches up")
    }

    @Test func expiredCodesLeaveOnTheNextTokenRequest() throws {
        let (harness, store) = try Self.retained()
        _ = try harness.code()
        let redeemed = try harness.code()
        let refresh = try #require(try harness.tokens(code: redeemed)["refresh_token"]?.stringValue)
        #expect(store.counts.codes == 2)
        harness.clock.advance(by: 601)
        _ = try Self.refresh(harness, refresh)
        #expect(store.counts.codes == 0, "codes past their 600 s are dropped by the sweep, not kept for a minute-long scan")
        let late = try Harness.json(try harness.post("/oauth2/token", form: TokenTests.codeForm(redeemed), headers: Self.auth))
        #expect(Self.description(late).contains("unknown"), "as before: a code is remembered until it expires")
    }

    @Test func aRevokedGrantIsForgottenAfterTheRetentionAndItsTokensStayRefused() throws {
        let (harness, store) = try Self.retained()
        let first = try harness.tokens(code: try harness.code())
        let refresh1 = try #require(first["refresh_token"]?.stringValue)
        let access1 = try #require(first["access_token"]?.stringValue)
        let refresh2 = try #require(try Self.refresh(harness, refresh1)["refresh_token"]?.stringValue)
        #expect(Self.description(try Self.refresh(harness, refresh1)).contains("already rotated"))

        harness.clock.advance(by: 99)
        let within = try Self.refresh(harness, refresh2)
        #expect(Self.description(within).contains("refresh token reuse detected"), "remembered for the retention: the precise reason")
        #expect(store.counts.grants == 1)

        harness.clock.advance(by: 2)
        for token in [refresh2, refresh1] {
            let forgotten = try Self.refresh(harness, token)
            #expect(forgotten["error"] == "invalid_grant")
            #expect(Self.description(forgotten).contains("unknown to this server"))
            #expect(Self.description(forgotten).contains("more than 100 s ago and was forgotten"))
        }
        #expect(store.counts.grants == 0 && store.counts.refreshTokens == 0 && store.counts.rotatedRefreshTokens == 0)
        // Its access token expired before the grant was forgotten; with the clock set back into
        // its life it meets no grant, and is refused all the same.
        harness.clock.advance(by: -101)
        guard case .failure(.revoked(let reason)) = harness.server.verifyAccessToken(access1) else {
            Issue.record("an access token of a forgotten grant must stay refused")
            return
        }
        #expect(reason.contains("was forgotten"))
    }

    @Test func aGrantWhoseRefreshTokenExpiredIsForgottenOnTheVirtualClock() throws {
        let (harness, store) = try Self.retained { $0.refreshTokenTTL = 300 }
        let refresh = try #require(try harness.tokens(code: try harness.code())["refresh_token"]?.stringValue)
        harness.clock.advance(by: 300)
        #expect(Self.description(try Self.refresh(harness, refresh)).contains("expired at"))
        harness.clock.advance(by: 99)
        #expect(Self.description(try Self.refresh(harness, refresh)).contains("expired at"))
        #expect(store.counts.grants == 1)
        harness.clock.advance(by: 2)
        #expect(Self.description(try Self.refresh(harness, refresh)).contains("was forgotten"))
        #expect(store.counts.grants == 0 && store.counts.refreshTokens == 0)
        // Setting the clock back does not bring a forgotten grant back.
        harness.clock.advance(by: -401)
        #expect(Self.description(try Self.refresh(harness, refresh)).contains("unknown to this server"))
    }

    @Test func theRetentionIsNeverShorterThanAnAccessTokensLife() throws {
        let (harness, store) = try Self.retained { $0.refreshTokenTTL = 10; $0.endedGrantRetention = 0 }
        let first = try harness.tokens(code: try harness.code())
        let access = try #require(first["access_token"]?.stringValue)
        let refresh = try #require(first["refresh_token"]?.stringValue)
        harness.clock.advance(by: 59)
        _ = try Self.refresh(harness, refresh)
        #expect(store.counts.grants == 1)
        #expect((try? harness.server.verifyAccessToken(access).get()) != nil, "the access token lives its 60 s")
        harness.clock.advance(by: 12)
        _ = try Self.refresh(harness, refresh)
        #expect(store.counts.grants == 0)
    }

    @Test func snapshotAndRestoreAroundPruning() throws {
        let (harness, store) = try Self.retained()
        let refresh1 = try #require(try harness.tokens(code: try harness.code())["refresh_token"]?.stringValue)
        let refresh2 = try #require(try Self.refresh(harness, refresh1)["refresh_token"]?.stringValue)
        let beforeRevocation = harness.server.snapshot()
        _ = try Self.refresh(harness, refresh1)
        harness.clock.advance(by: 101)
        #expect(Self.description(try Self.refresh(harness, refresh2)).contains("was forgotten"))
        let afterPruning = harness.server.snapshot()

        harness.server.restore(beforeRevocation)
        #expect(store.counts.grants == 1)
        let refresh3 = try #require(try Self.refresh(harness, refresh2)["refresh_token"]?.stringValue, "the restored grant works again")
        #expect(Self.description(try Self.refresh(harness, refresh1)).contains("already rotated"), "and its history came back")

        harness.server.restore(afterPruning)
        #expect(store.counts.grants == 0)
        #expect(Self.description(try Self.refresh(harness, refresh3)).contains("unknown to this server"))
    }

    @Test func eachSweepStepTouchesABoundedNumberOfRecords() throws {
        let store = InMemoryOAuthStateStore()
        for index in 0..<100 {
            let id = "grant-\(index)"
            try store.putGrant(GrantRecord(id: id, clientID: "manual-1", subjectID: "u-ada", scopes: [], resource: nil, claims: JSONObject(),
                                           createdAt: 0, revokedAt: 1, revocationReason: "test"))
            let hashes = (0..<3).map { TokenHash.of("\(id)-token-\($0)") }
            for (position, hash) in hashes.enumerated() {
                try store.putRefreshToken(RefreshTokenRecord(tokenHash: hash, grantID: id, clientID: "manual-1", issuedAt: Double(position), expiresAt: nil,
                                                             rotatedAt: position < 2 ? Double(position + 1) : nil))
            }
        }
        #expect(store.counts.grants == 100 && store.counts.refreshTokens == 100 && store.counts.rotatedRefreshTokens == 200)
        try store.sweep(now: 50, retention: 100, budget: 10)
        #expect(store.counts.grants == 100, "not yet past the retention")
        var total: Int { store.counts.grants + store.counts.refreshTokens + store.counts.rotatedRefreshTokens }
        var steps = 0
        while total > 0, steps < 1_000 {
            let before = total
            try store.sweep(now: 101, retention: 100, budget: 10)
            // A pruned grant takes its live token with it: at most 2 records per unit of budget.
            #expect(before - total <= 20)
            steps += 1
        }
        #expect(total == 0)
        #expect(steps <= 120, "one grant visited per step at this budget, its tokens dropped meanwhile")
    }

    /// Grants of one client and person share their scopes, resource and claims' storage; what
    /// reads back is exactly what was stored, also when they differ.
    @Test func grantsSharingStorageReadBackAsStored() throws {
        let store = InMemoryOAuthStateStore()
        let claims = JSONObject([("integration_id", "int-1"), ("authorization_context", "PERSONAL")])
        let grants = [
            GrantRecord(id: "g1", clientID: "manual-1", subjectID: "u-ada", scopes: ["a", "b"], resource: "r", claims: claims, createdAt: 1),
            GrantRecord(id: "g2", clientID: "manual-1", subjectID: "u-ada", scopes: ["a", "b"], resource: "r", claims: claims, createdAt: 2),
            GrantRecord(id: "g3", clientID: "manual-1", subjectID: "u-ada", scopes: ["a"], resource: nil,
                        claims: JSONObject([("integration_id", "int-2")]), createdAt: 3),
            GrantRecord(id: "g4", clientID: "manual-1", subjectID: "u-bob", scopes: ["a", "b"], resource: "r", claims: claims, createdAt: 4),
        ]
        for grant in grants { try store.putGrant(grant) }
        #expect(try store.allGrants() == grants)
    }

    @Test func tokenDigestsConvertOnlyCanonicalHashes() {
        let hash = TokenHash.of("a refresh token")
        #expect(TokenDigest(hash: hash)?.hash == hash)
        #expect(TokenDigest(hash: "refresh-hash-1") == nil)
        var bytes = Array(hash.utf8)
        bytes[42] = bytes[42] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let other = String(decoding: bytes, as: UTF8.self)
        if let digest = TokenDigest(hash: other) { #expect(digest.hash == other) }
        let nonCanonical = String(hash.dropLast()) + "B"  // 'B' sets a bit past the 256th
        if TokenDigest(hash: String(hash.dropLast()) + "A") != nil { #expect(TokenDigest(hash: nonCanonical) == nil) }
    }

    @Test func theExpiryHeapPopsInExpiryOrder() {
        var heap = ExpiryHeap()
        for (key, expiry) in [("c", 30.0), ("a", 10), ("e", 50), ("b", 19.999), ("d", 40)] { heap.insert(key, expiresAt: expiry) }
        var popped: [String] = []
        while let key = heap.popExpired(before: 45) { popped.append(key) }
        #expect(popped == ["a", "b", "c", "d"])
        #expect(heap.count == 1)
    }
}
