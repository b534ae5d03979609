/// Encodes Server-Sent Events (WHATWG HTML "Server-sent events" §9.2.6) as MCP uses them:
/// `event: message` carrying one JSON-RPC message per event (Streamable HTTP).
enum SSEEvent {
    /// `id: <id>` / `event: message` / one `data:` line per payload line, then a blank line.
    static func message(id: String?, data: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(data.count + 48)
        if let id { appendField("id", id, to: &output) }
        appendField("event", "message", to: &output)
        var lineStart = 0
        for index in 0...data.count where index == data.count || data[index] == 0x0A {
            output.append(contentsOf: "data: ".utf8)
            var line = data[lineStart..<index]
            if line.last == 0x0D { line = line.dropLast() }
            output.append(contentsOf: line)
            output.append(0x0A)
            lineStart = index + 1
        }
        output.append(0x0A)
        return output
    }

    /// The 2025-11-25 priming event: an id and empty data (plus `retry:` when configured), so the
    /// client has something to resume from (SEP-1699).
    static func priming(id: String, retryMilliseconds: Int?) -> [UInt8] {
        var output: [UInt8] = []
        appendField("id", id, to: &output)
        if let retryMilliseconds { appendField("retry", String(retryMilliseconds), to: &output) }
        output.append(contentsOf: "data: \n\n".utf8)
        return output
    }

    /// A comment line: ignored by clients, keeps intermediaries from timing the stream out.
    static let keepAlive: [UInt8] = Array(": keep-alive\n\n".utf8)

    private static func appendField(_ name: String, _ value: String, to output: inout [UInt8]) {
        output.append(contentsOf: name.utf8)
        output.append(contentsOf: ": ".utf8)
        // A field value cannot hold a line break; ids and names we write never do, but be safe.
        output.append(contentsOf: value.utf8.filter { $0 != 0x0A && $0 != 0x0D })
        output.append(0x0A)
    }
}
