import Essentials

/// Writes a JSON document (RFC 8259) and, in the same pass, the same document escaped as the
/// contents of a JSON string: an MCP tool result carries its structured content twice, once as
/// `structuredContent` and once as the text of `content[0]` (MCP 2025-06-18 "Tools" §Structured
/// Content). Fixed parts are copied from fragments escaped once up front; only the text that
/// varies per call is escaped, and text known to need no escaping is copied both ways.
struct DualJSONWriter {
    /// A piece of JSON with its escaped form, prepared once (keys, per-call and per-speaker members).
    struct Fragment: Sendable {
        let raw: [UInt8]
        let escaped: [UInt8]

        init(_ raw: [UInt8]) {
            self.raw = raw
            var escaped: [UInt8] = []
            raw.withUnsafeBufferPointer { JSONSerializer.appendEscapedContents(utf8: $0, into: &escaped) }
            self.escaped = escaped
        }

        init(_ text: String) { self.init(Array(text.utf8)) }
    }

    private(set) var raw: [UInt8] = []
    private(set) var escaped: [UInt8] = []
    /// False for documents nobody sends as text (a `generate_brief` section's findings).
    let writesText: Bool

    init(capacity: Int = 0, writesText: Bool = true) {
        self.writesText = writesText
        raw.reserveCapacity(capacity)
        if writesText { escaped.reserveCapacity(capacity + capacity / 4) }
    }

    /// The document, with its escaped text when written.
    var document: EncodedJSON { EncodedJSON(serialized: raw, escapedText: writesText ? escaped : nil) }

    mutating func append(_ fragment: Fragment) {
        raw.append(contentsOf: fragment.raw)
        if writesText { escaped.append(contentsOf: fragment.escaped) }
    }

    /// A byte that needs no escaping (`,`, `[`, `}`, a digit).
    mutating func append(_ byte: UInt8) {
        raw.append(byte)
        if writesText { escaped.append(byte) }
    }

    mutating func appendInteger(_ value: Int) {
        let start = raw.count
        JSONSerializer.writeInteger(Int64(value), into: &raw)
        if writesText { escaped.append(contentsOf: raw[start...]) }
    }

    /// ASCII that needs no escaping (digits, `:`), written by `body` into the document and then
    /// copied once to the text.
    mutating func appendASCII(_ body: (inout [UInt8]) -> Void) {
        let start = raw.count
        body(&raw)
        if writesText { escaped.append(contentsOf: raw[start...]) }
    }

    /// ASCII bytes that need no escaping, copied to both.
    mutating func appendASCII(_ bytes: UnsafeBufferPointer<UInt8>) {
        raw.append(contentsOf: bytes)
        if writesText { escaped.append(contentsOf: bytes) }
    }

    /// `text` as a JSON string.
    mutating func appendString(_ text: String) {
        var text = text
        text.withUTF8 { appendString(utf8: $0) }
    }

    /// UTF-8 `bytes` as a JSON string.
    mutating func appendString(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        let start = raw.count
        JSONSerializer.writeString(utf8: bytes, into: &raw)
        guard writesText else { return }
        raw.withUnsafeBufferPointer { written in
            JSONSerializer.appendEscapedContents(utf8: UnsafeBufferPointer(rebasing: written[start...]), into: &escaped)
        }
    }

    /// A JSON string of text already known to need no escaping (`isPlainStringContent`): copied,
    /// between `"` in the document and `\"` in its text.
    mutating func appendPlainString(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        raw.append(UInt8(ascii: "\""))
        raw.append(contentsOf: bytes)
        raw.append(UInt8(ascii: "\""))
        guard writesText else { return }
        escaped.append(contentsOf: Self.escapedQuote)
        escaped.append(contentsOf: bytes)
        escaped.append(contentsOf: Self.escapedQuote)
    }

    private static let escapedQuote: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
}
