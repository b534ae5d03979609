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

    /// A result whose tool wrote the escaped text beside the document sends the same bytes as
    /// one that escapes the document itself.
    @Test(arguments: ["2025-03-26", "2025-06-18", "2026-07-28"])
    func escapedTextGivenByTheToolGivesTheSameBytes(version: MCPProtocolVersion) throws {
        let bytes = JSONSerializer.bytes(Self.value)
        var escaped: [UInt8] = []
        bytes.withUnsafeBufferPointer { JSONSerializer.appendEscapedContents(utf8: $0, into: &escaped) }
        let given = MCPToolResult.structured(encoded: EncodedJSON(serialized: bytes, escapedText: escaped))
        let derived = MCPToolResult.structured(encoded: EncodedJSON(serialized: bytes))
        #expect(given.encoded(for: version) == derived.encoded(for: version))
        #expect(given.response(id: .number(3), for: version) == derived.response(id: .number(3), for: version))
        #expect(given == derived)
        #expect(given.content == [MCPToolResult.textItem(JSONSerializer.string(Self.value))])
    }

    /// Content set after the fact is what is sent (the general path), and replacing the
    /// structured content keeps the text item it had.
    @Test func contentChangedAfterwardsIsSent() throws {
        var result = MCPToolResult.structured(encoded: EncodedJSON(Self.value))
        result.content = [MCPToolResult.textItem("replaced")]
        let sent = try JSONParser.parse(result.encoded(for: "2025-06-18"))
        #expect(sent["content"]?[0]?["text"] == "replaced")
        #expect(sent["structuredContent"] == Self.value)
        var other = MCPToolResult.structured(encoded: EncodedJSON(Self.value))
        other.structuredContent = ["x": 1]
        #expect(other.content == [MCPToolResult.textItem(JSONSerializer.string(Self.value))])
        #expect(try JSONParser.parse(other.encoded(for: "2025-06-18"))["structuredContent"] == ["x": 1])
    }
}
