/// A JSON document (RFC 8259) held as the compact UTF-8 bytes `JSONSerializer` writes, for answers
/// built straight to bytes on a hot path (a tool result is sent as it is, so the tree that would
/// only be serialised and freed is never built). Reading a member parses the bytes: for tests and
/// the rare paths, not the hot one.
public struct EncodedJSON: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// Bytes already in `JSONSerializer`'s compact form.
    public init(serialized bytes: [UInt8]) { self.bytes = bytes }

    public init(_ value: JSONValue) { bytes = JSONSerializer.bytes(value) }

    /// The document as a tree; `.null` if the bytes are not JSON (they always are when written
    /// by this module's writers).
    public var value: JSONValue { (try? JSONParser.parse(bytes)) ?? .null }

    public subscript(key: String) -> JSONValue? { value[key] }

    public var description: String { String(decoding: bytes, as: UTF8.self) }
}
