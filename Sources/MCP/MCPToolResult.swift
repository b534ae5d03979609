import Essentials
import HTTPServer

/// A `CallToolResult` (MCP 2025-11-25 "Tools" §Tool Result): content items, optional structured
/// content, and `isError` for failures the model should see (bad arguments, upstream errors).
public struct MCPToolResult: Sendable, Equatable {
    /// Content items as JSON (`{"type":"text","text":…}`, `image`, `audio`, `resource_link`, …).
    /// A result built from serialised structured content (`structured(encoded:)`) holds its text
    /// item as those bytes and builds the item only when read: the fast path never does.
    public var content: [JSONValue] {
        get {
            if let storedContent { return storedContent }
            return structuredBytes.map { [Self.textItem(String(decoding: $0, as: UTF8.self))] } ?? []
        }
        set { storedContent = newValue }
    }
    /// Read from the serialised form when the result was built from bytes (`structured(encoded:)`).
    public var structuredContent: JSONValue? {
        get { structuredTree ?? structuredBytes.map { EncodedJSON(serialized: $0).value } }
        set {
            // The text item stays what it was (the old document's text).
            if storedContent == nil { storedContent = content }
            structuredTree = newValue
            structuredBytes = nil
            escapedText = nil
        }
    }
    public var isError: Bool
    /// `_meta` of the result (e.g. `mcp/www_authenticate` for ChatGPT's tool-level auth).
    public var meta: JSONObject?
    /// Content set explicitly; nil while the content is the one text item of `structuredBytes`.
    private var storedContent: [JSONValue]?
    private var structuredTree: JSONValue?
    /// `structuredContent` already serialised, reused for both the text item and the structured
    /// copy so a large answer is serialised once (or never, when the tool wrote bytes).
    private var structuredBytes: [UInt8]?
    /// `structuredBytes` escaped as a JSON string's contents, when the tool wrote them alongside.
    private var escapedText: [UInt8]?

    public init(content: [JSONValue], structuredContent: JSONValue? = nil, isError: Bool = false, meta: JSONObject? = nil) {
        self.storedContent = content
        self.structuredTree = structuredContent
        self.isError = isError
        self.meta = meta
    }

    public static func == (left: MCPToolResult, right: MCPToolResult) -> Bool {
        left.content == right.content && left.structuredContent == right.structuredContent
            && left.isError == right.isError && left.meta == right.meta
    }

    /// One text item.
    public static func text(_ text: String) -> MCPToolResult {
        MCPToolResult(content: [textItem(text)])
    }

    /// `structuredContent` plus the same JSON as a text item, as the spec asks for backwards
    /// compatibility ("Structured Content").
    public static func structured(_ value: JSONValue) -> MCPToolResult {
        var result = structured(encoded: EncodedJSON(value))
        result.structuredTree = value
        return result
    }

    /// The same from a document already serialised: no tree is built or parsed on the way out.
    public static func structured(encoded document: EncodedJSON) -> MCPToolResult {
        var result = MCPToolResult(content: [])
        result.storedContent = nil
        result.structuredBytes = document.bytes
        result.escapedText = document.escapedText
        return result
    }

    /// A failure reported to the model: one text item, `isError: true`.
    public static func error(_ message: String) -> MCPToolResult {
        MCPToolResult(content: [textItem(message)], isError: true)
    }

    public static func textItem(_ text: String) -> JSONValue {
        .object(JSONObject(distinctKeys: [("type", "text"), ("text", .string(text))]))
    }

    private static let textHead: [UInt8] = Array(#"{"content":[{"type":"text","text":"#.utf8)
    private static let contentEnd: [UInt8] = Array("}]".utf8)
    private static let structuredKey: [UInt8] = Array(#","structuredContent":"#.utf8)
    private static let errorTrue: [UInt8] = Array(#","isError":true"#.utf8)
    private static let errorFalse: [UInt8] = Array(#","isError":false"#.utf8)
    private static let resultType: [UInt8] = Array(#","resultType":"complete""#.utf8)

    /// The serialised result object for a client of `version`; same bytes as `jsonValue(for:)`.
    func encoded(for version: MCPProtocolVersion) -> [UInt8] {
        guard let structuredBytes, storedContent == nil, meta == nil else { return JSONSerializer.bytes(jsonValue(for: version)) }
        let (escapedText, isError) = (escapedText, isError)
        return structuredBytes.withUnsafeBufferPointer { structured in
            let length = Self.encodedLength(structured, escapedText: escapedText, version: version, isError: isError)
            return [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
                guard let start = buffer.baseAddress else { return }
                initialized = Self.write(structured, escapedText: escapedText, version: version, isError: isError, to: start)
            }
        }
    }

    /// The whole JSON-RPC response carrying this result, written into one exactly sized buffer.
    func response(id: JSONRPCID, for version: MCPProtocolVersion) -> [UInt8] {
        guard let structuredBytes, storedContent == nil, meta == nil else {
            return JSONRPCEncoding.result(id: id, resultBytes: encoded(for: version))
        }
        let (escapedText, isError) = (escapedText, isError)
        return structuredBytes.withUnsafeBufferPointer { structured in
            let length = Self.encodedLength(structured, escapedText: escapedText, version: version, isError: isError)
            return JSONRPCEncoding.result(id: id, resultLength: length) {
                Self.write(structured, escapedText: escapedText, version: version, isError: isError, to: $0)
            }
        }
    }

    private static func encodedLength(_ structured: UnsafeBufferPointer<UInt8>, escapedText: [UInt8]?, version: MCPProtocolVersion,
                                      isError: Bool) -> Int {
        textHead.count + (escapedText.map { $0.count + 2 } ?? JSONSerializer.stringLength(utf8: structured)) + contentEnd.count
            + (version.supportsStructuredOutput ? structuredKey.count + structured.count : 0)
            + (isError ? errorTrue.count : errorFalse.count) + (version.hasResultType ? resultType.count : 0) + 1
    }

    /// `{"content":[{"type":"text","text":<structured as a string>}],"structuredContent":<structured>,"isError":…}`.
    private static func write(_ structured: UnsafeBufferPointer<UInt8>, escapedText: [UInt8]?, version: MCPProtocolVersion,
                              isError: Bool, to start: UnsafeMutablePointer<UInt8>) -> Int {
        var cursor = start.appending(textHead)
        if let escapedText {
            cursor.pointee = UInt8(ascii: "\"")
            cursor = (cursor + 1).appending(escapedText)
            cursor.pointee = UInt8(ascii: "\"")
            cursor += 1
        } else {
            cursor += JSONSerializer.writeString(utf8: structured, to: cursor)
        }
        cursor = cursor.appending(contentEnd)
        if version.supportsStructuredOutput {
            cursor = cursor.appending(structuredKey)
            if let base = structured.baseAddress { cursor.update(from: base, count: structured.count) }
            cursor += structured.count
        }
        cursor = cursor.appending(isError ? errorTrue : errorFalse)
        if version.hasResultType { cursor = cursor.appending(resultType) }
        cursor.pointee = UInt8(ascii: "}")
        return cursor + 1 - start
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
