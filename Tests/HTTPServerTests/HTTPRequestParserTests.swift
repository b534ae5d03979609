import Testing
@testable import HTTPServer

@Suite struct HTTPRequestParserTests {
    @Test func simpleGet() {
        let (outcome, mismatches) = ParserHarness.verified("GET /healthz?x=1 HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n")
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(outcome.error == nil)
        let request = outcome.requests.first
        #expect(request?.method == .get)
        #expect(request?.target == "/healthz?x=1")
        #expect(request?.version == .http1_1)
        #expect(request?.headers["host"] == "localhost")
        #expect(request?.headers.fields.map(\.name) == ["Host", "Accept"])
    }

    @Test func contentLengthBodyAndPipelining() {
        let wire = "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.1\r\nHost: h\r\n\r\nDELETE /c HTTP/1.1\r\nHost: h\r\n\r\n"
        let (outcome, mismatches) = ParserHarness.verified(wire)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(outcome.requests.map(\.target) == ["/a", "/b", "/c"])
        #expect(outcome.requests.first?.bodyText == "hello")
        #expect(outcome.requests.map(\.method) == [.post, .get, .delete])
    }

    @Test func chunkedBodyWithExtensionsAndTrailers() {
        let wire = "POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n"
            + "7 ; ext\r\n, world\r\n"
            + "0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n"
            + "GET /next HTTP/1.1\r\nHost: h\r\n\r\n"
        let (outcome, mismatches) = ParserHarness.verified(wire)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(outcome.error == nil)
        #expect(outcome.requests.first?.bodyText == "hello, world")
        #expect(outcome.requests.first?.headers["X-Checksum"] == nil, "trailers are dropped")
        #expect(outcome.requests.last?.target == "/next")
    }

    @Test func http10AndLeadingEmptyLines() {
        let (outcome, mismatches) = ParserHarness.verified("\r\n\r\nGET / HTTP/1.0\r\n\r\n")
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(outcome.requests.first?.version == .http1_0)
        #expect(outcome.requests.first?.keepAlive == false)
    }

    @Test func expectContinueComesBeforeTheBody() {
        let (outcome, mismatches) = ParserHarness.verified("PUT /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok")
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(outcome.events.first == .continueRequested)
        #expect(outcome.requests.first?.bodyText == "ok")
    }

    @Test func fieldValuesAreTrimmedAndObsTextKept() {
        let bytes = Array("GET / HTTP/1.1\r\nHost: h\r\nX-A: \t spaced out \t\r\nX-B: caf".utf8) + [0xC3, 0xA9] + Array("\r\n\r\n".utf8)
        let (outcome, mismatches) = ParserHarness.verified(bytes)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(outcome.requests.first?.headers["x-a"] == "spaced out")
        #expect(outcome.requests.first?.headers["X-B"] == "café")
    }

    @Test func incompleteInputAsksForMore() {
        var parser = HTTPRequestParser()
        #expect((try? parser.feed(Array("GET / HTTP/1.1\r\nHost: h\r\n".utf8))) == [])
        #expect(parser.isMidRequest)
        #expect((try? parser.feed(Array("\r\n".utf8)))?.count == 1)
        #expect(!parser.isMidRequest)
    }

    struct Malformed: CustomTestStringConvertible, Sendable {
        let name: String
        let wire: String
        let status: Int
        var testDescription: String { name }
    }

    static let malformed: [Malformed] = [
        Malformed(name: "duplicate Content-Length", wire: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", status: 400),
        Malformed(name: "conflicting Content-Length list", wire: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 4\r\n\r\nabc", status: 400),
        Malformed(name: "negative Content-Length", wire: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", status: 400),
        Malformed(name: "Content-Length with Transfer-Encoding", wire: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", status: 400),
        Malformed(name: "Transfer-Encoding not ending in chunked", wire: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", status: 400),
        Malformed(name: "unknown transfer coding", wire: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", status: 501),
        Malformed(name: "Transfer-Encoding on HTTP/1.0", wire: "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", status: 400),
        Malformed(name: "bad chunk size", wire: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", status: 400),
        Malformed(name: "chunk size with sign", wire: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\n", status: 400),
        Malformed(name: "chunk size overflow", wire: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffffff\r\n", status: 413),
        Malformed(name: "chunk data without CRLF", wire: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n", status: 400),
        Malformed(name: "obs-fold", wire: "GET / HTTP/1.1\r\nHost: h\r\nX-A: one\r\n two\r\n\r\n", status: 400),
        Malformed(name: "whitespace before colon", wire: "GET / HTTP/1.1\r\nHost : h\r\n\r\n", status: 400),
        Malformed(name: "NUL in field value", wire: "GET / HTTP/1.1\r\nHost: h\r\nX-A: a\u{0}b\r\n\r\n", status: 400),
        Malformed(name: "bare CR in field value", wire: "GET / HTTP/1.1\r\nHost: h\r\nX-A: a\rb\r\n\r\n", status: 400),
        Malformed(name: "control byte in field value", wire: "GET / HTTP/1.1\r\nHost: h\r\nX-A: a\u{1}b\r\n\r\n", status: 400),
        Malformed(name: "bare LF line ending", wire: "GET / HTTP/1.1\nHost: h\n\n", status: 400),
        Malformed(name: "invalid method character", wire: "G(T / HTTP/1.1\r\nHost: h\r\n\r\n", status: 400),
        Malformed(name: "binary garbage", wire: "\u{16}\u{3}\u{1}\u{0}", status: 400),
        Malformed(name: "invalid field name character", wire: "GET / HTTP/1.1\r\nHost: h\r\nX(A): b\r\n\r\n", status: 400),
        Malformed(name: "field line without colon", wire: "GET / HTTP/1.1\r\nHost: h\r\nnocolon\r\n\r\n", status: 400),
        Malformed(name: "missing Host on 1.1", wire: "GET / HTTP/1.1\r\n\r\n", status: 400),
        Malformed(name: "two Host fields", wire: "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", status: 400),
        Malformed(name: "HTTP/2.0 request line", wire: "GET / HTTP/2.0\r\nHost: h\r\n\r\n", status: 505),
        Malformed(name: "malformed version", wire: "GET / HTTX/1.1\r\nHost: h\r\n\r\n", status: 400),
        Malformed(name: "missing target", wire: "GET HTTP/1.1\r\nHost: h\r\n\r\n", status: 400),
        Malformed(name: "double space in request line", wire: "GET  / HTTP/1.1\r\nHost: h\r\n\r\n", status: 400),
        Malformed(name: "unsupported expectation", wire: "POST / HTTP/1.1\r\nHost: h\r\nExpect: teapot\r\nContent-Length: 1\r\n\r\nx", status: 417),
        Malformed(name: "body too large", wire: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999\r\n\r\n", status: 413),
        Malformed(name: "request line too long", wire: "GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: h\r\n\r\n", status: 414),
        Malformed(name: "header block too large", wire: "GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + String(repeating: "b", count: 17000) + "\r\n\r\n", status: 431),
        Malformed(name: "too many header fields", wire: "GET / HTTP/1.1\r\nHost: h\r\n" + (0..<101).map { "X-\($0): v\r\n" }.joined() + "\r\n", status: 431),
    ]

    @Test(arguments: malformed)
    func malformedRequestsAreRefusedWithTheRightStatus(_ example: Malformed) {
        let (outcome, mismatches) = ParserHarness.verified(example.wire)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(2))")
        #expect(outcome.error?.status.code == example.status, "\(outcome)")
        #expect(outcome.requests.isEmpty)
    }

    @Test func errorsAreSticky() {
        var parser = HTTPRequestParser()
        #expect(throws: HTTPParseError.self) { try parser.feed(Array("BAD\u{0} / HTTP/1.1\r\n".utf8)) }
        #expect(throws: HTTPParseError.self) { try parser.feed(Array("GET / HTTP/1.1\r\nHost: h\r\n\r\n".utf8)) }
    }

    @Test func chunkedBodyOverTheLimitIs413() {
        var limits = HTTPLimits.default
        limits.maxBodyBytes = 8
        let wire = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n"
        let (outcome, mismatches) = ParserHarness.verified(wire, limits: limits)
        #expect(mismatches.isEmpty)
        #expect(outcome.error?.status == .contentTooLarge)
    }

    @Test func neverCrashesOnPseudoRandomBytes() {
        var generator = SplitMix64(seed: 0x9E37_79B9)
        let alphabet: [UInt8] = Array("GET POST / HTTP/1.1\r\n:Host;chunked0123456789abcdefContent-LengthTransfer-Encoding \t".utf8) + [0, 0x7F, 0xFF]
        for _ in 0..<300 {
            let length = Int(generator.next() % 200)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            var parser = HTTPRequestParser()
            for byte in bytes {
                do { _ = try parser.feed([byte]) } catch { break }
            }
        }
    }
}

/// A tiny deterministic generator so the byte soup is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
