import Essentials
import Testing
@testable import MCP

/// The fast path that serialises a structured result once must produce the same JSON as the
/// general path through `JSONValue`.
@Suite struct MCPToolResultEncodingTests {
    static let value: JSONValue = ["requestId": "r-1", "numOfCallsSearched": 7,
                                   "answer": [["answerItems": ["Quote \"x\"\nline\\2 \u{01}"], "ok": true, "ratio": 0.5]]]

    @Test(arguments: ["2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"])
    func structuredEncodingMatchesTheGeneralPath(version: MCPProtocolVersion) throws {
        let result = MCPToolResult.structured(Self.value)
        let fast = result.encoded(for: version)
        let general = JSONSerializer.bytes(result.jsonValue(for: version))
        #expect(fast == general)
        #expect(try JSONParser.parse(fast)["content"]?[0]?["text"]?.stringValue == JSONSerializer.string(Self.value))
    }

    @Test func errorResultsUseTheGeneralPath() {
        let result = MCPToolResult.error("bad \"argument\"")
        #expect(result.encoded(for: "2025-06-18") == JSONSerializer.bytes(result.jsonValue(for: "2025-06-18")))
    }

    /// The response written into one buffer is the envelope around the result bytes, and a
    /// result built from bytes reads back the same structured content.
    @Test(arguments: ["2025-03-26", "2025-06-18", "2026-07-28"])
    func responseFromEncodedBytesMatchesTheEnvelope(version: MCPProtocolVersion) throws {
        for id in [JSONRPCID.number(7), .string("a\"b")] {
            let result = MCPToolResult.structured(encoded: EncodedJSON(Self.value))
            #expect(result.response(id: id, for: version) == JSONRPCEncoding.result(id: id, resultBytes: result.encoded(for: version)))
            #expect(result.encoded(for: version) == JSONSerializer.bytes(MCPToolResult.structured(Self.value).jsonValue(for: version)))
            #expect(result.structuredContent == Self.value)
            let error = MCPToolResult.error("bad")
            #expect(error.response(id: id, for: version) == JSONRPCEncoding.result(id: id, resultBytes: error.encoded(for: version)))
        }
    }
}
