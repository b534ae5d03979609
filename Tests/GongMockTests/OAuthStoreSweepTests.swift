import CryptoPrimitives
import Essentials
import Foundation
import OAuth
import Testing
@testable import GongMock

/// Issue #16 with both stores: `sweep` forgets grants that ended more than the retention ago
/// with their refresh tokens (SQLite rows deleted), keeps everything else, and with
/// `--state-dir` reuse detection survives a restart until then.
@Suite struct OAuthStoreSweepTests {
    static func digest(_ token: String) -> String { Base64URL.encode(SHA256.hash(token)) }

    static func grant(_ id: String, revokedAt: Double? = nil) -> GrantRecord {
        GrantRecord(id: id, clientID: "manual-1", subjectID: "u-ada", scopes: ["mcp:ai-ask:read"], resource: nil, claims: JSONObject(),
                    createdAt: 1, revokedAt: revokedAt, revocationReason: revokedAt.map { _ in "test" })
    }

    /// A chain of two tokens for `grantID`: the first rotated, the second live.
    static func chain(_ grantID: String, expiresAt: Double? = nil) -> [RefreshTokenRecord] {
        [RefreshTokenRecord(tokenHash: digest(grantID + "-1"), grantID: grantID, clientID: "manual-1", issuedAt: 1, expiresAt: expiresAt,
                            rotatedAt: 2, replacedByHash: digest(grantID + "-2")),
         RefreshTokenRecord(tokenHash: digest(grantID + "-2"), grantID: grantID, clientID: "manual-1", issuedAt: 2, expiresAt: expiresAt)]
    }

    @Test(arguments: OAuthStoreKind.allCases)
    func sweepForgetsEndedGrantsWithTheirTokensAndKeepsTheRest(kind: OAuthStoreKind) throws {
        let subject = try kind.make()
        defer { subject.remove() }
        let store = subject.store
        let cases: [(GrantRecord, Double?, forgotten: Bool)] = [
            (Self.grant("live"), nil, false),
            (Self.grant("revoked-long-ago", revokedAt: 10), nil, true),
            (Self.grant("revoked-lately", revokedAt: 60), nil, false),
            (Self.grant("expired-long-ago"), 20, true),
            (Self.grant("expired-lately"), 60, false),
        ]
        for (grant, expiresAt, _) in cases {
            try store.putGrant(grant)
            for token in Self.chain(grant.id, expiresAt: expiresAt) { try store.putRefreshToken(token) }
        }
        // SQLite reads every `sweepInterval`th call; a rotated row read before its grant ended goes on the next pass.
        for _ in 0..<(2 * SQLiteOAuthStateStore.sweepInterval) { try store.sweep(now: 100, retention: 50, budget: 1_000) }
        for (grant, _, forgotten) in cases {
            #expect((try store.grant(id: grant.id) == nil) == forgotten, "\(grant.id)")
            for token in Self.chain(grant.id) {
                #expect((try store.refreshToken(hash: token.tokenHash) == nil) == forgotten, "\(grant.id) \(token.rotatedAt == nil ? "live" : "rotated")")
            }
        }
        #expect(try store.allGrants().map(\.id).sorted() == ["expired-lately", "live", "revoked-lately"])
    }

    @Test func sqliteRowsOfForgottenGrantsAreDeletedAndOrphanTokensWithThem() throws {
        let directory = try OAuthStoreSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try StateDatabase(directory: directory)
        let store = SQLiteOAuthStateStore(database: database)
        for index in 0..<100 {
            try store.putGrant(Self.grant("g\(index)", revokedAt: 1))
            for token in Self.chain("g\(index)") { try store.putRefreshToken(token) }
        }
        try store.putRefreshToken(RefreshTokenRecord(tokenHash: Self.digest("orphan"), grantID: "no-such-grant", clientID: "manual-1", issuedAt: 1, expiresAt: nil))
        typealias Names = SQLiteOAuthStateStore.Namespace
        #expect(try database.oauthEntries(namespace: Names.refreshTokens).count == 201)
        // Only every `sweepInterval`th call reads, `budget × sweepInterval / 4` rows of each namespace.
        let interval = SQLiteOAuthStateStore.sweepInterval
        for _ in 0..<(interval - 1) { try store.sweep(now: 1_000, retention: 10, budget: 4) }
        #expect(try database.oauthEntries(namespace: Names.grants).count == 100)
        try store.sweep(now: 1_000, retention: 10, budget: 4)
        let left = try database.oauthEntries(namespace: Names.grants).count
        #expect(left < 100 && left >= 100 - 2 * interval, "at most \(interval) grant rows and \(interval) token rows read")
        for _ in 0..<(40 * interval) { try store.sweep(now: 1_000, retention: 10, budget: 4) }
        #expect(try database.oauthEntries(namespace: Names.grants).isEmpty)
        #expect(try database.oauthEntries(namespace: Names.refreshTokens).isEmpty)
    }

    /// The server on the SQLite store: reuse detection survives a restart; once the revoked
    /// grant is past the retention its rows are gone and every token of it is still refused,
    /// also after another restart.
    @Test func stateDirReuseDetectionSurvivesARestartAndForgottenTokensStayRefused() throws {
        let directory = try OAuthStoreSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = ManualClock()
        let configure: (inout OAuthConfiguration) -> Void = { $0.accessTokenTTL = 60; $0.endedGrantRetention = 100 }
        let refresh1: String, refresh2: String
        do {
            let first = try RoundTripServer(directory: directory, clock: clock, configure: configure)
            let code = try first.authorizationCode()
            let issued = try first.token([("grant_type", "authorization_code"), ("code", code), ("redirect_uri", RoundTripPolicy.redirect),
                                          ("code_verifier", RoundTripServer.verifier)])
            refresh1 = try #require(issued.body["refresh_token"]?.stringValue)
            refresh2 = try #require(try first.token([("grant_type", "refresh_token"), ("refresh_token", refresh1)]).body["refresh_token"]?.stringValue)
        }
        let second = try RoundTripServer(directory: directory, clock: clock, configure: configure)
        let reuse = try second.token([("grant_type", "refresh_token"), ("refresh_token", refresh1)])
        #expect(reuse.body["error_description"]?.stringValue?.contains("already rotated") == true, "\(reuse.body)")
        #expect(try second.server.grants().first?.isRevoked == true)

        clock.advance(by: 101)
        for token in Array(repeating: [refresh2, refresh1], count: SQLiteOAuthStateStore.sweepInterval).joined() {
            let refused = try second.token([("grant_type", "refresh_token"), ("refresh_token", token)])
            #expect(refused.status == .badRequest && refused.body["error"] == "invalid_grant", "\(refused.body)")
        }
        typealias Names = SQLiteOAuthStateStore.Namespace
        #expect(try second.store.database.oauthEntries(namespace: Names.grants).isEmpty)
        #expect(try second.store.database.oauthEntries(namespace: Names.refreshTokens).isEmpty)

        let third = try RoundTripServer(directory: directory, clock: clock, configure: configure)
        for token in [refresh1, refresh2] {
            let refused = try third.token([("grant_type", "refresh_token"), ("refresh_token", token)])
            #expect(refused.body["error_description"]?.stringValue?.contains("unknown to this server") == true, "\(refused.body)")
        }
    }
}
