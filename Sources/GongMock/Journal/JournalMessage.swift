import HTTPServer

/// One side of a journaled exchange as captured: headers and at most `bodyLimit` bytes of the
/// body, with its full length. Secrets are still in it: it is redacted when rendered
/// (`JournalRedaction`), which keeps recording cheap on the hot path and means nothing leaves the
/// process unredacted.
public struct JournalMessage: Sendable {
    public let headers: HTTPHeaders
    /// The first bytes of the body (all of it when within the limit).
    public let body: [UInt8]
    /// The body's full length in bytes; nil for a streamed body (SSE), whose length is not known.
    public let bodyLength: Int?

    public init(headers: HTTPHeaders, body: [UInt8], bodyLength: Int?) {
        self.headers = headers
        self.body = body
        self.bodyLength = bodyLength
    }

    /// Captures `body`, keeping at most `limit` bytes (a shared buffer when it fits).
    init(headers: HTTPHeaders, fullBody: [UInt8], limit: Int) {
        self.headers = headers
        self.body = fullBody.count <= limit ? fullBody : Array(fullBody.prefix(limit))
        self.bodyLength = fullBody.count
    }

    public var isTruncated: Bool { (bodyLength ?? 0) > body.count }

    /// The media type without parameters, lowercased.
    public var mediaType: String? {
        guard let value = headers["Content-Type"] else { return nil }
        let type = value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingHTTPWhitespace().lowercased() } ?? ""
        return type.isEmpty ? nil : type
    }

    /// What the entry costs in memory, roughly, for the `--journal-bytes` bound.
    var footprint: Int {
        var size = body.count + 64
        for (name, value) in headers { size += name.utf8.count + value.utf8.count + 32 }
        return size
    }
}
