/// One Server-Sent Events message (HTML Living Standard §9.2 "Server-sent events",
/// event stream format). Formats the fields so a payload can never break the framing:
/// every line of `data` becomes its own `data:` line, and the event ends with a blank line.
public struct SSEEvent: Sendable, Equatable {
    public var id: String?
    public var event: String?
    /// Reconnection time the client should use, in milliseconds.
    public var retry: Int?
    public var data: String?
    /// Comment lines (`: text`), ignored by clients; used as keep-alives.
    public var comment: String?

    public init(data: String? = nil, event: String? = nil, id: String? = nil, retry: Int? = nil, comment: String? = nil) {
        self.data = data
        self.event = event
        self.id = id
        self.retry = retry
        self.comment = comment
    }

    /// A comment-only event, e.g. a keep-alive that stops proxies timing the stream out.
    public static func comment(_ text: String) -> SSEEvent { SSEEvent(comment: text) }

    /// The wire form, UTF-8.
    public var bytes: [UInt8] { Array(text.utf8) }

    public var text: String {
        var out = ""
        if let comment {
            for line in Self.lines(comment) { out += line.isEmpty ? ":\n" : ": \(line)\n" }
        }
        // Field values cannot hold line breaks: id and event are cut at the first one.
        if let id { out += "id: \(Self.firstLine(id))\n" }
        if let event { out += "event: \(Self.firstLine(event))\n" }
        if let retry { out += "retry: \(max(0, retry))\n" }
        if let data {
            for line in Self.lines(data) { out += line.isEmpty ? "data:\n" : "data: \(line)\n" }
        }
        return out + "\n"
    }

    /// Splits on CRLF, CR or LF, the three line ends the format accepts.
    static func lines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\n" || character == "\r" || character == "\r\n" {
                lines.append(text[start..<index])
                index = text.index(after: index)
                start = index
            } else {
                index = text.index(after: index)
            }
        }
        lines.append(text[start..<text.endIndex])
        return lines
    }

    static func firstLine(_ text: String) -> Substring { lines(text).first ?? "" }
}

extension HTTPStreamWriter {
    /// Writes one SSE event; false when the stream has closed.
    @discardableResult
    public func send(_ event: SSEEvent) -> Bool { write(event.bytes) }
}
