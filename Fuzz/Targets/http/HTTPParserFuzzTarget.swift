import HTTPServer

/// Fuzz target `http`: the incremental HTTP/1.1 request parser (RFC 9112) on arbitrary bytes.
///
/// The first input byte is a control byte, the rest is what a client sends on one connection:
/// bits 0-6 choose where the bytes are split in two, bit 7 selects tiny limits (so the 414,
/// 431 and 413 refusals are reachable by short inputs). The bytes are parsed three ways — whole,
/// split in two, and one byte at a time — and the outcomes (events, then the error or the
/// parser's final state) must be identical. Every request produced must respect the limits
/// and the framing it announced, the parser must never hold more unconsumed bytes than its
/// limits allow, and a failed parser must keep failing with the same error.
@_cdecl("LLVMFuzzerTestOneInput")
public func httpParserFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = FuzzCheck.bytes(data, size)
    guard let control = input.first else { return 0 }
    let stream = input.dropFirst()
    let limits = control & 0x80 != 0 ? HTTPParserFuzzRun.tinyLimits : HTTPLimits.default
    let split = stream.startIndex + Int(control & 0x7F) * (stream.count + 1) / 128

    let whole = HTTPParserFuzzRun(limits: limits, chunks: [stream])
    let halves = HTTPParserFuzzRun(limits: limits, chunks: [stream[..<split], stream[split...]])
    FuzzCheck.expect(HTTPParserFuzzRun.same(whole.outcome, halves.outcome), """
        split at \(split - stream.startIndex) of \(stream.count) changes the outcome
          whole: \(whole.outcome)
          split: \(halves.outcome)
          input: \(FuzzCheck.hex(input))
        """)
    let drip = HTTPParserFuzzRun(limits: limits, chunks: stream.indices.map { stream[$0...$0] })
    FuzzCheck.expect(HTTPParserFuzzRun.same(whole.outcome, drip.outcome), """
        byte-by-byte feeding changes the outcome
          whole: \(whole.outcome)
          drip:  \(drip.outcome)
          input: \(FuzzCheck.hex(input))
        """)
    for event in whole.outcome.events {
        if case .request(let request) = event { HTTPParserFuzzRun.checkRequest(request, limits: limits, input: input) }
    }
    return 0
}
