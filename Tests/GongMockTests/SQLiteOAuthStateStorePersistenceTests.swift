import Essentials
import Foundation
import OAuth
import Testing
@testable import GongMock

/// What the SQLite store wrote is there after the database is closed and opened again, and a
/// stored record that cannot be read is a thrown error naming it, never a silent nil.
@Suite struct SQLiteOAuthStateStorePersistenceTests {
    @Test func everythingComesBackAfterReopen() throws {
        let directory = try OAuthStoreSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var consumed = OAuthStoreSamples.code("consumed")
        consumed.consumedAt = 1_790_000_005
        consumed.grantID = "grant-1"
        var revokedGrant = OAuthStoreSamples.grant("grant-2", createdAt: 0.5)
        revokedGrant.revokedAt = 7
        revokedGrant.revocationReason = "integration deleted"
        var rotated = OAuthStoreSamples.refresh()
        rotated.rotatedAt = 3
        rotated.replacedByHash = "refresh-hash-2"
        let successor = OAuthStoreSamples.refresh("refresh-hash-2", expiresAt: 1_790_086_400)
        do {
            let store = SQLiteOAuthStateStore(database: try StateDatabase(directory: directory))
            try store.addSigningKeyPEM("pem-old")
            try store.addSigningKeyPEM("pem-new")
            try store.putAuthorizationCode(OAuthStoreSamples.code())
            try store.putAuthorizationCode(consumed)
            try store.putGrant(OAuthStoreSamples.grant())
            try store.putGrant(revokedGrant)
            try store.putRefreshToken(rotated)
            try store.putRefreshToken(successor)
            try store.putRevokedAccessToken(OAuthStoreSamples.revocation())
        }
        let store = SQLiteOAuthStateStore(database: try StateDatabase(directory: directory))
        #expect(try store.signingKeyPEMs() == ["pem-old", "pem-new"])
        #expect(try store.authorizationCode(hash: "code-hash-1") == OAuthStoreSamples.code())
        #expect(try store.authorizationCode(hash: "consumed") == consumed)
        #expect(try store.allGrants() == [revokedGrant, OAuthStoreSamples.grant()])
        #expect(try store.refreshToken(hash: "refresh-hash-1") == rotated)
        #expect(try store.refreshToken(hash: "refresh-hash-2") == successor)
        #expect(try store.revokedAccessToken(jti: "jti-1") == OAuthStoreSamples.revocation())
        try store.addSigningKeyPEM("pem-newest")
        #expect(try store.signingKeyPEMs() == ["pem-old", "pem-new", "pem-newest"])
    }

    /// Expiry is kept in the table's column so the database purge works after a restart, and
    /// only for the two record kinds `purge` is allowed to drop.
    @Test func expiryColumnIsSetOnlyForCodesAndRevocations() throws {
        let directory = try OAuthStoreSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try StateDatabase(directory: directory)
        let store = SQLiteOAuthStateStore(database: database)
        try store.putAuthorizationCode(OAuthStoreSamples.code(expiresAt: 42.5))
        try store.putRevokedAccessToken(OAuthStoreSamples.revocation(expiresAt: 43))
        try store.putRefreshToken(OAuthStoreSamples.refresh(expiresAt: 44))
        try store.putGrant(OAuthStoreSamples.grant())
        typealias Names = SQLiteOAuthStateStore.Namespace
        #expect(try database.oauthGet(namespace: Names.authorizationCodes, key: "code-hash-1")?.expiresAt == 42.5)
        #expect(try database.oauthGet(namespace: Names.revokedAccessTokens, key: "jti-1")?.expiresAt == 43)
        #expect(try database.oauthGet(namespace: Names.refreshTokens, key: "refresh-hash-1")?.expiresAt == nil)
        #expect(try database.oauthGet(namespace: Names.grants, key: "grant-1")?.expiresAt == nil)
        let stored = try #require(try database.oauthGet(namespace: Names.grants, key: "grant-1")?.value)
        #expect(try JSONParser.parse(stored)["format"] == 1)
    }

    struct Corruption: Sendable, CustomTestStringConvertible {
        let namespace: String
        let key: String
        let value: String
        let expected: String
        var testDescription: String { "\(namespace)/\(key): \(expected)" }
    }

    static let corruptions: [Corruption] = {
        typealias Names = SQLiteOAuthStateStore.Namespace
        let code = #""codeHash":"c1","clientID":"m","redirectURI":"r","codeChallenge":"x","scopes":["a"],"subjectID":"u","claims":{},"issuedAt":1,"expiresAt":2"#
        return [
            Corruption(namespace: Names.authorizationCodes, key: "c1", value: "{\"format\":1,", expected: "is not valid JSON"),
            Corruption(namespace: Names.authorizationCodes, key: "c1", value: "[1]", expected: "is an array rather than a JSON object"),
            Corruption(namespace: Names.authorizationCodes, key: "c1", value: "{\(code)}", expected: "has no \"format\" version field"),
            Corruption(namespace: Names.authorizationCodes, key: "c1", value: "{\"format\":2,\(code)}", expected: "has format version 2; this build reads version 1"),
            Corruption(namespace: Names.authorizationCodes, key: "c1", value: "{\"format\":1,\(code.replacingOccurrences(of: "\"issuedAt\":1,", with: ""))}",
                       expected: "has no \"issuedAt\" field"),
            Corruption(namespace: Names.authorizationCodes, key: "c1", value: "{\"format\":1,\(code.replacingOccurrences(of: "[\"a\"]", with: "[\"a\",7]"))}",
                       expected: "field \"scopes\"[1] is a number, expected a string"),
            Corruption(namespace: Names.authorizationCodes, key: "c1", value: "{\"format\":1,\(code.replacingOccurrences(of: "\"expiresAt\":2", with: "\"expiresAt\":\"2\""))}",
                       expected: "field \"expiresAt\" is a string, expected a number"),
            Corruption(namespace: Names.authorizationCodes, key: "c9", value: "{\"format\":1,\(code)}", expected: "has \"codeHash\" \"c1\", which is not the key it is stored under"),
            Corruption(namespace: Names.grants, key: "g1", value: #"{"format":1,"id":"g1","clientID":"m","subjectID":"u","scopes":[],"claims":[],"createdAt":1}"#,
                       expected: "field \"claims\" is an array, expected an object"),
            Corruption(namespace: Names.refreshTokens, key: "h1", value: #"{"format":1,"tokenHash":"h1","grantID":"g","clientID":"m","issuedAt":1,"expiresAt":"never"}"#,
                       expected: "field \"expiresAt\" is a string, expected a number or null"),
            Corruption(namespace: Names.revokedAccessTokens, key: "j1", value: #"{"format":"1","jti":"j1","expiresAt":1,"reason":"r"}"#,
                       expected: "field \"format\" is a string, expected an integer version"),
            Corruption(namespace: Names.signingKeys, key: "key-000001", value: "-----BEGIN PRIVATE KEY-----", expected: "is not valid JSON"),
            Corruption(namespace: Names.signingKeys, key: "k1", value: #"{"format":1,"pem":"p"}"#, expected: "the key is not a signing-key sequence name"),
        ]
    }()

    @Test(arguments: corruptions)
    func corruptRecordThrowsNamingItsKey(_ corruption: Corruption) throws {
        let directory = try OAuthStoreSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try StateDatabase(directory: directory)
        try database.oauthPut(namespace: corruption.namespace, key: corruption.key, value: corruption.value)
        let store = SQLiteOAuthStateStore(database: database)
        let error = try #require(throws: OAuthStoreError.self) {
            typealias Names = SQLiteOAuthStateStore.Namespace
            switch corruption.namespace {
            case Names.authorizationCodes: _ = try store.authorizationCode(hash: corruption.key)
            case Names.grants: _ = try store.allGrants()
            case Names.refreshTokens: _ = try store.refreshToken(hash: corruption.key)
            case Names.revokedAccessTokens: _ = try store.revokedAccessToken(jti: corruption.key)
            default: _ = try store.signingKeyPEMs()
            }
        }
        #expect(error.message.contains("stored record \(corruption.namespace)/\(corruption.key)"), "\(error)")
        #expect(error.message.contains(corruption.expected), "\(error)")
    }

    /// One unreadable grant fails the whole listing rather than vanishing from it.
    @Test func corruptGrantIsNotDroppedFromTheListing() throws {
        let directory = try OAuthStoreSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try StateDatabase(directory: directory)
        let store = SQLiteOAuthStateStore(database: database)
        try store.putGrant(OAuthStoreSamples.grant("grant-ok"))
        try database.oauthPut(namespace: SQLiteOAuthStateStore.Namespace.grants, key: "grant-bad", value: #"{"format":1,"id":"grant-bad"}"#)
        let error = try #require(throws: OAuthStoreError.self) { try store.allGrants() }
        #expect(error.message.contains("grants/grant-bad has no \"clientID\" field"), "\(error)")
        #expect(try store.grant(id: "grant-ok") == OAuthStoreSamples.grant("grant-ok"))
    }

    /// JSON cannot carry NaN or infinity, so such a value is refused at write time.
    @Test func nonFiniteNumbersAreRefusedOnWrite() throws {
        let directory = try OAuthStoreSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = SQLiteOAuthStateStore(database: try StateDatabase(directory: directory))
        var grant = OAuthStoreSamples.grant()
        grant.claims["weird"] = ["n": [.number(.infinity)]]
        let error = try #require(throws: OAuthStoreError.self) { try store.putGrant(grant) }
        #expect(error.message.contains("claims.weird.n[0] is not a finite number"), "\(error)")
        #expect(throws: OAuthStoreError.self) { try store.putRevokedAccessToken(OAuthStoreSamples.revocation(expiresAt: .nan)) }
        #expect(try store.grant(id: "grant-1") == nil)
    }
}
