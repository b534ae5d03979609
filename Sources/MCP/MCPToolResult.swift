import Essentials
import HTTPServer

/// A `CallToolResult` (MCP 2025-11-25 "Tools" §Tool Result): content items, optional structured
/// content, and `isError` for failures the model should see (bad arguments, upstream errors).
public struct MCPToolResult: Sendable, Equatable {
    /// Content items as JSON (`{"type":"text","text":…}`, `image`, `audio`, `resource_link`, …).
    public var content: [JSONValue]
    public var structuredContent: JSONValue?
    public var isError: Bool
    /// `_meta` of the result (e.g. `mcp/www_authenticate` for ChatGPT's tool-level auth).
    public var meta: JSONObject?
    /// `structuredContent` already serialised by `structured(_:)`, reused for both the text item
    /// and the structured copy so a large answer is serialised once, not twice.
    private var structuredBytes: [UInt8]?

    public init(content: [JSONValue], structuredContent: JSONValue? = nil, isError: Bool = false, meta: JSONObject? = nil) {
        self.content = content
        self.structuredContent = structuredContent
        self.isError = isError
        self.meta = meta
    }

    /// One text item.
    public static func text(_ text: String) -> MCPToolResult {
        MCPToolResult(content: [textItem(text)])
    }

    /// `structuredContent` plus the same JSON as a text item, as the spec asks for backwards
    /// compatibility ("Structured Content").
    public static func structured(_ value: JSONValue) -> MCPToolResult {
        let bytes = JSONSerializer.bytes(value)
        var result = MCPToolResult(content: [textItem(String(decoding: bytes, as: UTF8.self))], structuredContent: value)
        result.structuredBytes = bytes
        return result
    }

    /// A failure reported to the model: one text item, `isError: true`.
    public static func error(_ message: String) -> MCPToolResult {
        MCPToolResult(content: [textItem(message)], isError: true)
    }

    public static func textItem(_ text: String) -> JSONValue {
        .object(JSONObject(distinctKeys: [("type", "text"), ("text", .string(text))]))
    }

    /// The serialised result object for a client of `version`; same bytes as `jsonValue(for:)`.
    func encoded(for version: MCPProtocolVersion) -> [UInt8] {
        guard let structuredBytes, content.count == 1, meta == nil else { return JSONSerializer.bytes(jsonValue(for: version)) }
        var output: [UInt8] = []
        output.reserveCapacity(structuredBytes.count * 2 + 96)
        output.append(contentsOf: Array(#"{"content":[{"type":"text","text":"#.utf8))
        JSONSerializer.writeString(utf8: structuredBytes, into: &output)
        output.append(contentsOf: Array("}]".utf8))
        if version.supportsStructuredOutput {
            output.append(contentsOf: Array(#","structuredContent":"#.utf8))
            output.append(contentsOf: structuredBytes)
        }
        output.append(contentsOf: Array((isError ? #","isError":true"# : #","isError":false"#).utf8))
        if version.hasResultType { output.append(contentsOf: Array(#","resultType":"complete""#.utf8)) }
        output.append(UInt8(ascii: "}"))
        return output
    }

    /// The result object for a client of `version` (`structuredContent` only from 2025-06-18 on,
    /// `resultType` from 2026-07-28 on).
    func jsonValue(for version: MCPProtocolVersion) -> JSONValue {
        var object = JSONObject()
        object["content"] = .array(content)
        if let structuredContent, version.supportsStructuredOutput {
            object["structuredContent"] = structuredContent
        }
        object["isError"] = .bool(isError)
        if let meta { object["_meta"] = .object(meta) }
        if version.hasResultType { object["resultType"] = "complete" }
        return .object(object)
    }
}

/// What a tool handler decided.
public enum MCPToolOutcome: Sendable {
    /// A `CallToolResult`, success or `isError`.
    case result(MCPToolResult)
    /// A JSON-RPC error response instead of a result (malformed request, fault injection).
    case protocolError(code: Int, message: String, data: JSONValue?)
    /// An HTTP answer replacing the JSON-RPC exchange (e.g. 402 or 429 with `Retry-After`).
    case httpResponse(HTTPResponse)
}
