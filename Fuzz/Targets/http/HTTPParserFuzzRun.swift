#if canImport(Glibc)
import Glibc
#endif
import HTTPServer

/// One parse of a byte stream fed in the given chunks, draining every event after each chunk
/// as the connection does.
struct HTTPParserFuzzRun {
    /// What a connection observes: the events, then either the error or where the parser rests.
    struct Outcome: Equatable, CustomStringConvertible {
        var events: [HTTPParserEvent] = []
        var error: HTTPParseError?
        /// Only compared when no error occurred (an error stops consumption at a split-dependent point).
        var bufferedByteCount = 0
        var isMidRequest = false
        var isReadingBody = false

        var description: String {
            let summary = events.map { event -> String in
                switch event {
                case .continueRequested: return "100-continue"
                case .request(let request): return "\(request.method.rawValue) \(request.target) \(request.headers.count) fields, \(request.body.count) body bytes"
                }
            }
            if let error { return "\(summary) then error \(error)" }
            return "\(summary), \(bufferedByteCount) buffered, midRequest \(isMidRequest), readingBody \(isReadingBody)"
        }
    }

    static let tinyLimits = HTTPLimits(maxRequestLineBytes: 48, maxHeaderBytes: 160, maxHeaderCount: 5, maxBodyBytes: 64)
    /// Longest chunk-size line the parser accepts, mirrored here (HTTPRequestParser.maxChunkLineBytes).
    static let maxChunkLineBytes = 4096

    let outcome: Outcome

    /// Outcomes must be identical however the bytes were split (no tolerance: the 414-vs-400
    /// split dependence this once found was fixed in the parser).
    static func same(_ lhs: Outcome, _ rhs: Outcome) -> Bool { lhs == rhs }

    init(limits: HTTPLimits, chunks: [ArraySlice<UInt8>]) {
        var parser = HTTPRequestParser(limits: limits)
        var outcome = Outcome()
        let bufferBound = max(limits.maxRequestLineBytes + 1, limits.maxHeaderBytes, Self.maxChunkLineBytes + 1, 2)
        do {
            for chunk in chunks {
                parser.append(chunk)
                while let event = try parser.next() { outcome.events.append(event) }
                FuzzCheck.expect(parser.bufferedByteCount <= bufferBound,
                                 "parser holds \(parser.bufferedByteCount) unconsumed bytes, more than any limit (\(bufferBound)) allows")
            }
            outcome.bufferedByteCount = parser.bufferedByteCount
            outcome.isMidRequest = parser.isMidRequest
            outcome.isReadingBody = parser.isReadingBody
        } catch {
            outcome.error = error
            FuzzCheck.expect(error.status.code >= 400 && error.status.code < 600 && !error.reason.isEmpty,
                             "refusal without an error status and reason: \(error)")
            parser.append([0x0D, 0x0A])
            do {
                _ = try parser.next()
                FuzzCheck.fail("parser recovered after \(error)")
            } catch let again {
                FuzzCheck.expect(again == error, "failed parser changed its error from \(error) to \(again)")
            }
        }
        self.outcome = outcome
    }

    /// A request must respect the limits and the framing its own header fields announce.
    static func checkRequest(_ request: HTTPRequest, limits: HTTPLimits, input: [UInt8]) {
        let context = "\(request.method.rawValue) \(request.target) in \(FuzzCheck.hex(input))"
        FuzzCheck.expect(!request.method.rawValue.isEmpty && !request.target.isEmpty, "empty method or target: \(context)")
        FuzzCheck.expect(request.method.rawValue.utf8.count + request.target.utf8.count + 10 <= limits.maxRequestLineBytes,
                         "request line over the limit accepted: \(context)")
        FuzzCheck.expect(!request.target.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }), "target with space or control byte: \(context)")
        FuzzCheck.expect(request.headers.count <= limits.maxHeaderCount, "\(request.headers.count) header fields accepted: \(context)")
        FuzzCheck.expect(request.body.count <= limits.maxBodyBytes, "\(request.body.count)-byte body accepted: \(context)")
        var hosts = 0
        for field in request.headers {
            FuzzCheck.expect(!field.name.isEmpty, "empty field name: \(context)")
            FuzzCheck.expect(!field.name.utf8.contains(where: { $0 <= 0x20 || $0 == 0x3A || $0 >= 0x7F }), "field name with forbidden byte: \(context)")
            FuzzCheck.expect(!field.value.utf8.contains(where: { $0 == 0x00 || $0 == 0x0A || $0 == 0x0D }), "field value with NUL/CR/LF: \(context)")
            if HTTPHeaders.equalsIgnoringCase(field.name, "Host") { hosts += 1 }
        }
        FuzzCheck.expect(hosts <= 1 && (hosts == 1 || request.version == .http1_0), "\(hosts) Host fields accepted: \(context)")
        let lengths = request.headers.values("Content-Length")
        let encodings = request.headers.values("Transfer-Encoding")
        FuzzCheck.expect(lengths.isEmpty || encodings.isEmpty, "both Content-Length and Transfer-Encoding accepted: \(context)")
        FuzzCheck.expect(lengths.count <= 1, "\(lengths.count) Content-Length fields accepted: \(context)")
        if let length = lengths.first {
            FuzzCheck.expect(Int(length) == request.body.count, "Content-Length \(length) but \(request.body.count) body bytes: \(context)")
        } else if encodings.isEmpty {
            FuzzCheck.expect(request.body.isEmpty, "body without framing: \(context)")
        }
    }
}
