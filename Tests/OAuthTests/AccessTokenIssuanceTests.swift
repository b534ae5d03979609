import CryptoPrimitives
import Testing
@testable import OAuth

/// The `jti` carries the issuance order; a foreign `jti` counts as issued before.
@Suite struct AccessTokenIssuanceTests {
    @Test func numbersGrowAndTheMarkSplitsBeforeFromAfter() {
        let issuance = AccessTokenIssuance(startingAfter: 1_000)
        let first = issuance.nextTokenID()
        let mark = issuance.mark
        let second = issuance.nextTokenID()
        #expect(first.utf8.count == 22 && second.utf8.count == 22)
        #expect(AccessTokenIssuance.number(ofTokenID: first) == 1_001)
        #expect(AccessTokenIssuance.number(ofTokenID: second) == 1_002)
        #expect(issuance.issued(tokenID: first, before: mark))
        #expect(!issuance.issued(tokenID: second, before: mark))
        #expect(issuance.nextTokenID() != issuance.nextTokenID())
    }

    @Test func aJTIThisServerNeverIssuedCountsAsIssuedBefore() {
        let issuance = AccessTokenIssuance(startingAfter: 1_000)
        let mark = issuance.mark
        _ = issuance.nextTokenID()
        // An earlier version's random jti reads as a number no token of this run has had.
        #expect(issuance.issued(tokenID: Base64URL.encode([UInt8](repeating: 0xFF, count: 16)), before: mark))
        #expect(issuance.issued(tokenID: "not-a-jti", before: mark))
        // A previous run's token (a lower start) is below any mark of this run.
        let previousRun = AccessTokenIssuance(startingAfter: 10).nextTokenID()
        #expect(issuance.issued(tokenID: previousRun, before: mark))
    }

    @Test func theDefaultStartIsTheRealTimeInMicroseconds() {
        let issuance = AccessTokenIssuance()
        #expect(issuance.mark > 1_700_000_000_000_000)
    }
}
