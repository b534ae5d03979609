import Testing
@testable import GongMock

/// The bearer gate reads `Authorization: Bearer <token>` from the bytes in the usual case; every
/// other spelling takes the general reading, and both agree (RFC 6750 §2.1).
@Suite struct BearerTokenReadingTests {
    /// The reading before the byte path: split once on a space, scheme case-insensitive, trimmed.
    static func generalReading(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1].drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    @Test(arguments: [
        "Bearer eyJhbGciOiJFUzI1NiJ9.e30.sig", "bearer abc", "BEARER abc", "BeArEr a b c", "Bearer  padded",
        "Bearer\tabc", "Bearer abc \t", " Bearer abc", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearerx abc",
        "Beärer abc", "Bearer é", "Bearer x", "Token abc", "",
    ])
    func theByteReadingAgreesWithTheGeneralOne(header: String) {
        #expect(GongBearerAuthenticator.bearerToken(header) == Self.generalReading(header), "\(header.debugDescription)")
    }

    @Test func anUsualHeaderGivesTheWholeToken() {
        let token = String(repeating: "A", count: 800)
        #expect(GongBearerAuthenticator.bearerToken("Bearer \(token)") == token)
        #expect(GongBearerAuthenticator.bearerToken("Basic \(token)") == nil)
    }
}
