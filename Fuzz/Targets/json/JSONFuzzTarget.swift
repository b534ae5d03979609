import Essentials

/// Fuzz target `json`: `JSONParser.parse` over arbitrary bytes (RFC 8259).
///
/// Checks: no crash, hang or leak on any input; whatever parses survives
/// serialise → parse unchanged, and serialising is a fixed point (the second serialisation
/// is byte-identical to the first); parsing the same bytes through the `String` entry point
/// agrees with the byte entry point when the input is valid UTF-8.
@_cdecl("LLVMFuzzerTestOneInput")
public func jsonFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = FuzzCheck.bytes(data, size)
    let parsed: JSONValue
    do {
        parsed = try JSONParser.parse(input)
    } catch {
        FuzzCheck.expect(error.offset >= 0 && error.offset <= input.count,
                         "error offset \(error.offset) outside the input (\(input.count) bytes): \(error)")
        FuzzCheck.expect(!error.reason.isEmpty, "refusal without a reason at byte \(error.offset)")
        return 0
    }
    let serialized = JSONSerializer.bytes(parsed)
    let reparsed: JSONValue
    do {
        reparsed = try JSONParser.parse(serialized)
    } catch {
        FuzzCheck.fail("serialised output does not parse (\(error)): \(FuzzCheck.hex(serialized))")
    }
    FuzzCheck.expect(reparsed == parsed, "round trip changed the value: \(FuzzCheck.hex(input)) → \(FuzzCheck.hex(serialized))")
    let again = JSONSerializer.bytes(reparsed)
    FuzzCheck.expect(again == serialized, "serialisation is not a fixed point: \(FuzzCheck.hex(serialized)) → \(FuzzCheck.hex(again))")
    if let text = String(validating: input, as: UTF8.self) {
        let viaString = try? JSONParser.parse(text)
        FuzzCheck.expect(viaString == parsed, "parse(String) disagrees with parse([UInt8]) on \(FuzzCheck.hex(input))")
    }
    return 0
}
