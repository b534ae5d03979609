import Foundation
import Testing
@testable import HTTPServer

/// Inputs the fuzzers found (Fuzz/crashes/), kept as split-invariance checks.
@Suite struct ParserRegressionTests {
    /// A bad method byte past the request-line limit: 414 whether fed whole or byte by byte.
    @Test(arguments: [48, 8192])
    func overlongRequestLineWithBadByteIsAlways414(limit: Int) {
        var limits = HTTPLimits.default
        limits.maxRequestLineBytes = limit
        let bytes = [UInt8](repeating: UInt8(ascii: "A"), count: limit + 2) + [0x01]
        let (outcome, mismatches) = ParserHarness.verified(bytes, limits: limits)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(outcome.error?.status == .uriTooLong)
    }

    /// A bad method byte within the limit is still a 400, at every split.
    @Test func badMethodByteWithinTheLimitIs400() {
        var limits = HTTPLimits.default
        limits.maxRequestLineBytes = 48
        let bytes = [UInt8](repeating: UInt8(ascii: "A"), count: 20) + [0x01] + Array(" / HTTP/1.1\r\nHost: h\r\n\r\n".utf8)
        let (outcome, mismatches) = ParserHarness.verified(bytes, limits: limits)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(outcome.error?.status == .badRequest)
    }

    /// The committed reproducer itself (Fuzz/crashes/http-414-vs-400-split-dependent), replayed
    /// as the fuzz target reads it: control byte 0x80 selects the tiny limits (request line 48).
    @Test func committedReproducerAnswersTheSameAtEverySplit() throws {
        let path = #filePath.components(separatedBy: "/Tests/")[0] + "/Fuzz/crashes/http-414-vs-400-split-dependent"
        let input = try #require(FileManager.default.contents(atPath: path).map { [UInt8]($0) })
        #expect(input.first == 0x80)
        var limits = HTTPLimits.default
        limits.maxRequestLineBytes = 48
        limits.maxHeaderBytes = 160
        limits.maxHeaderCount = 5
        limits.maxBodyBytes = 64
        let (outcome, mismatches) = ParserHarness.verified(Array(input.dropFirst()), limits: limits)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(outcome.error?.status == .uriTooLong)
    }
}

/// Found by the `oauth-forms` fuzz target: a combining mark right after `?` made one grapheme
/// with it, so a Character search missed the query and routed the whole target as the path.
@Suite struct RequestTargetSplitTests {
    @Test func aCombiningMarkAfterTheQuestionMarkDoesNotHideTheQuery() {
        let request = HTTPRequest(method: .get, target: "/oauth2/token?\u{06E7}a=1&b=2")
        #expect(request.path == "/oauth2/token")
        #expect(request.query == "\u{06E7}a=1&b=2")
        #expect(request.queryItems.map(\.name) == ["\u{06E7}a", "b"])
        #expect(HTTPRequest(method: .get, target: "/plain").query == nil)
    }
}
