/// A JSON document (RFC 8259) held as the compact UTF-8 bytes `JSONSerializer` writes, for answers
/// built straight to bytes on a hot path (a tool result is sent as it is, so the tree that would
/// only be serialised and freed is never built). Reading a member parses the bytes: for tests and
/// the rare paths, not the hot one.
public struct EncodedJSON: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]
    /// The same document escaped as the contents of a JSON string (no quotes), when the writer
    /// produced it alongside: an MCP tool result repeats its structured content as text, and
    /// escaping a large answer a second time cost more than writing it (callgrind).
    public let escapedText: [UInt8]?

    /// Bytes already in `JSONSerializer`'s compact form; `escapedText`, when given, must be
    /// exactly their escaped form (`JSONSerializer.appendEscapedContents`).
    public init(serialized bytes: [UInt8], escapedText: [UInt8]? = nil) {
        self.bytes = bytes
        self.escapedText = escapedText
    }

    public init(_ value: JSONValue) {
        bytes = JSONSerializer.bytes(value)
        escapedText = nil
    }

    /// The document is its bytes: the escaped copy is derived from them.
    public static func == (left: EncodedJSON, right: EncodedJSON) -> Bool { left.bytes == right.bytes }

    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }

    /// The document as a tree; `.null` if the bytes are not JSON (they always are when written
    /// by this module's writers).
    public var value: JSONValue { (try? JSONParser.parse(bytes)) ?? .null }

    public subscript(key: String) -> JSONValue? { value[key] }

    public var description: String { String(decoding: bytes, as: UTF8.self) }
}
