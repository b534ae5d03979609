import HTTPServer

/// The header fields the transport reads, collected in one pass over the request's headers so
/// that a request costs one scan instead of a case-insensitive search per field.
struct MCPRequestHeaders {
    var host: String?
    var origin: String?
    var accept: [String] = []
    var contentType: String?
    var sessionID: String?
    var protocolVersion: String?
    /// `Mcp-Method` and `Mcp-Name` (2026-07-28 Streamable HTTP "Standard Request Headers"), as sent.
    var mcpMethod: String?
    var mcpName: String?
    var hasMcpMethod: Bool { mcpMethod != nil }

    init(_ headers: HTTPHeaders) {
        for field in headers {
            var name = field.name
            name.withUTF8 { bytes in
                switch bytes.count {
                case 4 where Self.matches(bytes, "host"): if host == nil { host = field.value }
                case 6 where Self.matches(bytes, "origin"): if origin == nil { origin = field.value }
                case 6 where Self.matches(bytes, "accept"): accept.append(field.value)
                case 8 where Self.matches(bytes, "mcp-name"): if mcpName == nil { mcpName = field.value.trimmingHTTPWhitespace() }
                case 10 where Self.matches(bytes, "mcp-method"): if mcpMethod == nil { mcpMethod = field.value.trimmingHTTPWhitespace() }
                case 12 where Self.matches(bytes, "content-type"): if contentType == nil { contentType = field.value }
                case 14 where Self.matches(bytes, "mcp-session-id"): if sessionID == nil { sessionID = field.value.trimmingHTTPWhitespace() }
                case 20 where Self.matches(bytes, "mcp-protocol-version"):
                    if protocolVersion == nil { protocolVersion = field.value.trimmingHTTPWhitespace() }
                default: break
                }
            }
        }
    }

    /// ASCII case-insensitive equality with a lowercase literal of the same length.
    static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ lowercase: StaticString) -> Bool {
        let count = lowercase.utf8CodeUnitCount
        guard bytes.count == count else { return false }
        let literal = lowercase.utf8Start
        for index in 0..<count {
            var byte = bytes[index]
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if byte != literal[index] { return false }
        }
        return true
    }

    /// Whether `Content-Type` is `application/json` (parameters such as charset allowed).
    var isJSONContent: Bool {
        guard var value = contentType else { return false }
        return value.withUTF8 { bytes in
            var start = 0
            while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: ";") { end += 1 }
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            return Self.matches(UnsafeBufferPointer(rebasing: bytes[start..<end]), "application/json")
        }
    }

    /// Which of the two MCP media types `Accept` lists by name with a non-zero quality
    /// (wildcards do not count: the spec says the client lists both).
    var acceptedTypes: (json: Bool, eventStream: Bool) {
        var json = false, eventStream = false
        for var value in accept {
            value.withUTF8 { bytes in
                var rangeStart = 0
                while rangeStart < bytes.count {
                    var rangeEnd = rangeStart
                    while rangeEnd < bytes.count, bytes[rangeEnd] != UInt8(ascii: ",") { rangeEnd += 1 }
                    let (type, refused) = Self.mediaRange(UnsafeBufferPointer(rebasing: bytes[rangeStart..<rangeEnd]))
                    if !refused {
                        if Self.matches(type, "application/json") { json = true }
                        if Self.matches(type, "text/event-stream") { eventStream = true }
                    }
                    rangeStart = rangeEnd + 1
                }
            }
        }
        return (json, eventStream)
    }

    /// The type of one media range, trimmed, and whether its `q` is zero.
    private static func mediaRange(_ bytes: UnsafeBufferPointer<UInt8>) -> (UnsafeBufferPointer<UInt8>, Bool) {
        var start = 0
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: ";") { end += 1 }
        var typeEnd = end
        while typeEnd > start, bytes[typeEnd - 1] == 0x20 || bytes[typeEnd - 1] == 0x09 { typeEnd -= 1 }
        var refused = false
        if end < bytes.count {
            // Parameters: look for q=0, q=0.0, q=0.00, q=0.000.
            let parameters = String(decoding: UnsafeBufferPointer(rebasing: bytes[(end + 1)...]), as: UTF8.self)
            for parameter in parameters.split(separator: ";") {
                let compact = parameter.filter { $0 != " " && $0 != "\t" }.lowercased()
                if compact.hasPrefix("q="), let quality = Double(compact.dropFirst(2)), quality == 0 { refused = true }
            }
        }
        return (UnsafeBufferPointer(rebasing: bytes[start..<typeEnd]), refused)
    }
}
