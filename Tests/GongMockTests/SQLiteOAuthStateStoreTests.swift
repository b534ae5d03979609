import Essentials
import Foundation
import OAuth
import Testing
@testable import GongMock

/// A store under test and the directory to remove afterwards (SQLite only).
struct OAuthStoreUnderTest {
    let store: any OAuthStateStore
    let directory: String?

    func remove() {
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }
}

/// The two implementations the behavioural table runs against.
enum OAuthStoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case inMemory
    case sqlite

    var testDescription: String { rawValue }

    func make() throws -> OAuthStoreUnderTest {
        switch self {
        case .inMemory: return OAuthStoreUnderTest(store: InMemoryOAuthStateStore(), directory: nil)
        case .sqlite:
            let directory = try OAuthStoreSamples.temporaryDirectory()
            return OAuthStoreUnderTest(store: SQLiteOAuthStateStore(database: try StateDatabase(directory: directory)), directory: directory)
        }
    }
}

/// Records with every optional set one way or the other, fractional times and nested claims.
enum OAuthStoreSamples {
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "gong-mock-oauthstore-" + CredentialGenerator.randomString(count: 10)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static let claims = JSONObject([
        ("integration_id", "int-1"), ("authorization_context", "PERSONAL"),
        ("nested", ["list": [1, 2.5, "x", nil, true], "empty": [:]]), ("quote\"and\\slash", "línea\nnueva ✓"),
    ])

    static func code(_ hash: String = "code-hash-1", expiresAt: Double = 1_790_000_600.25) -> AuthorizationCodeRecord {
        AuthorizationCodeRecord(codeHash: hash, clientID: "manual-1", redirectURI: "https://client.example.com/cb?x=1",
                                codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", scopes: ["mcp:ai-ask:read", "mcp:ai-briefer:read"],
                                resource: "http://127.0.0.1:7777/mcp", subjectID: "u-ada", claims: claims,
                                issuedAt: 1_790_000_000.125, expiresAt: expiresAt)
    }

    static func grant(_ id: String = "grant-1", createdAt: Double = 1_790_000_001.5) -> GrantRecord {
        GrantRecord(id: id, clientID: "manual-1", subjectID: "u-ada", scopes: ["mcp:ai-ask:read"], resource: nil, claims: claims, createdAt: createdAt)
    }

    static func refresh(_ hash: String = "refresh-hash-1", expiresAt: Double? = nil) -> RefreshTokenRecord {
        RefreshTokenRecord(tokenHash: hash, grantID: "grant-1", clientID: "manual-1", issuedAt: 1_790_000_001.5, expiresAt: expiresAt)
    }

    static func revocation(_ jti: String = "jti-1", expiresAt: Double = 1_790_003_600) -> RevokedAccessTokenRecord {
        RevokedAccessTokenRecord(jti: jti, expiresAt: expiresAt, reason: "revoked by the client (RFC 7009)")
    }
}

/// The behavioural contract of `OAuthStateStore`, asserted identically for the in-memory
/// reference implementation and the SQLite one.
@Suite struct SQLiteOAuthStateStoreBehaviourTests {
    @Test(arguments: OAuthStoreKind.allCases)
    func signingKeysKeepInsertionOrderIncludingDuplicates(kind: OAuthStoreKind) throws {
        let subject = try kind.make()
        defer { subject.remove() }
        let store = subject.store
        #expect(try store.signingKeyPEMs() == [])
        let pems = (1...11).map { "-----BEGIN PRIVATE KEY-----\nkey\($0)\n-----END PRIVATE KEY-----\n" }
        for pem in pems { try store.addSigningKeyPEM(pem) }
        try store.addSigningKeyPEM(pems[0])
        #expect(try store.signingKeyPEMs() == pems + [pems[0]])
    }

    @Test(arguments: OAuthStoreKind.allCases)
    func authorizationCodesPutGetOverwriteAndMiss(kind: OAuthStoreKind) throws {
        let subject = try kind.make()
        defer { subject.remove() }
        let store = subject.store
        #expect(try store.authorizationCode(hash: "code-hash-1") == nil)
        var code = OAuthStoreSamples.code()
        try store.putAuthorizationCode(code)
        #expect(try store.authorizationCode(hash: "code-hash-1") == code)
        #expect(try store.authorizationCode(hash: "code-hash-2") == nil)
        code.consumedAt = 1_790_000_010.75
        code.grantID = "grant-1"
        code.resource = nil
        try store.putAuthorizationCode(code)
        #expect(try store.authorizationCode(hash: "code-hash-1") == code)
    }

    @Test(arguments: OAuthStoreKind.allCases)
    func grantsPutGetOverwriteListAndMiss(kind: OAuthStoreKind) throws {
        let subject = try kind.make()
        defer { subject.remove() }
        let store = subject.store
        #expect(try store.grant(id: "grant-b") == nil)
        #expect(try store.allGrants() == [])
        let late = OAuthStoreSamples.grant("grant-b", createdAt: 5)
        let tie = OAuthStoreSamples.grant("grant-a", createdAt: 5)
        let early = OAuthStoreSamples.grant("grant-c", createdAt: 1)
        for grant in [late, tie, early] { try store.putGrant(grant) }
        #expect(try store.allGrants().map(\.id) == ["grant-c", "grant-a", "grant-b"])
        var revoked = late
        revoked.revokedAt = 9
        revoked.revocationReason = "refresh token reuse"
        revoked.resource = "http://127.0.0.1:7777/mcp"
        try store.putGrant(revoked)
        #expect(try store.grant(id: "grant-b") == revoked)
        #expect(try store.grant(id: "grant-b")?.isRevoked == true)
        #expect(try store.allGrants() == [early, tie, revoked])
    }

    @Test(arguments: OAuthStoreKind.allCases)
    func refreshTokensPutGetOverwriteAndMiss(kind: OAuthStoreKind) throws {
        let subject = try kind.make()
        defer { subject.remove() }
        let store = subject.store
        #expect(try store.refreshToken(hash: "refresh-hash-1") == nil)
        var token = OAuthStoreSamples.refresh()
        let expiring = OAuthStoreSamples.refresh("refresh-hash-2", expiresAt: 1_790_086_400.5)
        try store.putRefreshToken(token)
        try store.putRefreshToken(expiring)
        #expect(try store.refreshToken(hash: "refresh-hash-1") == token)
        #expect(try store.refreshToken(hash: "refresh-hash-2") == expiring)
        token.rotatedAt = 1_790_000_100
        token.replacedByHash = "refresh-hash-3"
        try store.putRefreshToken(token)
        #expect(try store.refreshToken(hash: "refresh-hash-1") == token)
        #expect(try store.refreshToken(hash: "refresh-hash-3") == nil)
    }

    @Test(arguments: OAuthStoreKind.allCases)
    func revocationsPutGetOverwriteAndMiss(kind: OAuthStoreKind) throws {
        let subject = try kind.make()
        defer { subject.remove() }
        let store = subject.store
        #expect(try store.revokedAccessToken(jti: "jti-1") == nil)
        var revocation = OAuthStoreSamples.revocation()
        try store.putRevokedAccessToken(revocation)
        #expect(try store.revokedAccessToken(jti: "jti-1") == revocation)
        revocation.reason = "grant revoked"
        revocation.expiresAt += 60
        try store.putRevokedAccessToken(revocation)
        #expect(try store.revokedAccessToken(jti: "jti-1") == revocation)
        #expect(try store.revokedAccessToken(jti: "jti-2") == nil)
    }

    /// Codes and revocations expiring strictly before the time go; an expiry equal to it stays;
    /// grants, refresh tokens (even long expired) and keys are never purged.
    @Test(arguments: OAuthStoreKind.allCases)
    func purgeDropsOnlyExpiredCodesAndRevocations(kind: OAuthStoreKind) throws {
        let subject = try kind.make()
        defer { subject.remove() }
        let store = subject.store
        try store.addSigningKeyPEM("pem")
        for (hash, expiry) in [("c10", 10.0), ("c20", 20.0), ("c30", 30.0)] { try store.putAuthorizationCode(OAuthStoreSamples.code(hash, expiresAt: expiry)) }
        for (jti, expiry) in [("r10", 10.0), ("r20", 20.0), ("r19", 19.999)] { try store.putRevokedAccessToken(OAuthStoreSamples.revocation(jti, expiresAt: expiry)) }
        try store.putRefreshToken(OAuthStoreSamples.refresh("old-refresh", expiresAt: 5))
        try store.putGrant(OAuthStoreSamples.grant("grant-1", createdAt: 1))

        try store.purge(expiredBefore: 20)

        #expect(try store.authorizationCode(hash: "c10") == nil)
        #expect(try store.authorizationCode(hash: "c20") != nil)
        #expect(try store.authorizationCode(hash: "c30") != nil)
        #expect(try store.revokedAccessToken(jti: "r10") == nil)
        #expect(try store.revokedAccessToken(jti: "r19") == nil)
        #expect(try store.revokedAccessToken(jti: "r20") != nil)
        #expect(try store.refreshToken(hash: "old-refresh") == OAuthStoreSamples.refresh("old-refresh", expiresAt: 5))
        #expect(try store.grant(id: "grant-1") != nil)
        #expect(try store.signingKeyPEMs() == ["pem"])

        try store.purge(expiredBefore: .nan)
        #expect(try store.authorizationCode(hash: "c30") == nil)
        #expect(try store.revokedAccessToken(jti: "r20") == nil)
        #expect(try store.refreshToken(hash: "old-refresh") != nil)
    }

    @Test(arguments: OAuthStoreKind.allCases)
    func removeAllGrantsAndCodesKeepsOnlySigningKeys(kind: OAuthStoreKind) throws {
        let subject = try kind.make()
        defer { subject.remove() }
        let store = subject.store
        try store.addSigningKeyPEM("pem-1")
        try store.addSigningKeyPEM("pem-2")
        try store.putAuthorizationCode(OAuthStoreSamples.code())
        try store.putGrant(OAuthStoreSamples.grant())
        try store.putRefreshToken(OAuthStoreSamples.refresh())
        try store.putRevokedAccessToken(OAuthStoreSamples.revocation())

        try store.removeAllGrantsAndCodes()

        #expect(try store.authorizationCode(hash: "code-hash-1") == nil)
        #expect(try store.grant(id: "grant-1") == nil)
        #expect(try store.allGrants() == [])
        #expect(try store.refreshToken(hash: "refresh-hash-1") == nil)
        #expect(try store.revokedAccessToken(jti: "jti-1") == nil)
        #expect(try store.signingKeyPEMs() == ["pem-1", "pem-2"])
        try store.putGrant(OAuthStoreSamples.grant())
        #expect(try store.allGrants().count == 1)
    }
}
