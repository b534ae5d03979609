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

    /// A method that fills the request-line limit, then a CR that is not followed by LF: the CR
    /// is a bad method byte (400) at every split; followed by LF, the line is too long (414).
    @Test(arguments: [(UInt8(ascii: "~"), HTTPStatus.badRequest), (UInt8(ascii: "\n"), HTTPStatus.uriTooLong)])
    func crAtTheLimitWaitsForTheNextByte(next: UInt8, status: HTTPStatus) {
        var limits = HTTPLimits.default
        limits.maxRequestLineBytes = 48
        let bytes = [UInt8](repeating: UInt8(ascii: "!"), count: 49) + [HTTPGrammar.cr, next] + Array("Host: h\r\n\r\n".utf8)
        let (outcome, mismatches) = ParserHarness.verified(bytes, limits: limits)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(outcome.error?.status == status)
    }

    /// Fuzz/crashes/http-cr-at-request-line-limit, replayed at every split (tiny limits).
    @Test func crAtTheLimitReproducerAnswersTheSameAtEverySplit() throws {
        let input = try Self.reproducer("http-cr-at-request-line-limit")
        #expect(input.first == 0xC0)
        let (outcome, mismatches) = ParserHarness.verified(Array(input.dropFirst()), limits: Self.tinyLimits)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(outcome.error?.status == .badRequest)
    }

    /// The committed reproducer itself (Fuzz/crashes/http-414-vs-400-split-dependent), replayed
    /// as the fuzz target reads it: control byte 0x80 selects the tiny limits (request line 48).
    @Test func committedReproducerAnswersTheSameAtEverySplit() throws {
        let input = try Self.reproducer("http-414-vs-400-split-dependent")
        #expect(input.first == 0x80)
        let (outcome, mismatches) = ParserHarness.verified(Array(input.dropFirst()), limits: Self.tinyLimits)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(outcome.error?.status == .uriTooLong)
    }

    /// The fuzz target's tiny limits (control byte bit 7).
    static let tinyLimits = HTTPLimits(maxRequestLineBytes: 48, maxHeaderBytes: 160, maxHeaderCount: 5, maxBodyBytes: 64)

    static func reproducer(_ name: String) throws -> [UInt8] {
        let path = #filePath.components(separatedBy: "/Tests/")[0] + "/Fuzz/crashes/" + name
        return try #require(FileManager.default.contents(atPath: path).map { [UInt8]($0) })
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
