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
}
