@testable import HTTPServer

/// Feeds wire bytes to a fresh parser in different splits and records what came out, so a test
/// can check that the split never changes the result (as NIO's ByteToMessageDecoderVerifier).
struct ParseOutcome: Equatable, CustomStringConvertible {
    var events: [HTTPParserEvent] = []
    var error: HTTPParseError?

    var requests: [HTTPRequest] {
        events.compactMap { if case .request(let request) = $0 { return request } else { return nil } }
    }

    var description: String {
        let summary = events.map { event -> String in
            switch event {
            case .continueRequested: return "continue"
            case .request(let request): return "\(request.method) \(request.target) \(request.version) body=\(request.body.count)"
            }
        }
        return "events=\(summary) error=\(error.map(String.init(describing:)) ?? "none")"
    }
}

enum ParserHarness {
    static func parse(_ chunks: [[UInt8]], limits: HTTPLimits = .default) -> ParseOutcome {
        var parser = HTTPRequestParser(limits: limits)
        var outcome = ParseOutcome()
        for chunk in chunks {
            do {
                outcome.events += try parser.feed(chunk)
            } catch {
                outcome.error = error
                return outcome
            }
        }
        return outcome
    }

    static func whole(_ wire: String, limits: HTTPLimits = .default) -> ParseOutcome {
        parse([Array(wire.utf8)], limits: limits)
    }

    /// The outcome fed whole, after checking it is identical byte by byte and at every split.
    static func verified(_ wire: String, limits: HTTPLimits = .default) -> (ParseOutcome, [String]) {
        verified(Array(wire.utf8), limits: limits)
    }

    static func verified(_ bytes: [UInt8], limits: HTTPLimits = .default) -> (ParseOutcome, [String]) {
        let reference = parse([bytes], limits: limits)
        var mismatches: [String] = []
        let dripped = parse(bytes.map { [$0] }, limits: limits)
        if dripped != reference { mismatches.append("byte-by-byte: \(dripped) vs whole: \(reference)") }
        if bytes.count > 1 {
            for split in 1..<bytes.count {
                let outcome = parse([Array(bytes[..<split]), Array(bytes[split...])], limits: limits)
                if outcome != reference { mismatches.append("split at \(split): \(outcome) vs whole: \(reference)") }
            }
        }
        return (reference, mismatches)
    }
}
