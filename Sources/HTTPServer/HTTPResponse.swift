/// A response a handler returns. Framing headers (`Content-Length`, `Transfer-Encoding`,
/// `Connection`, `Date`) are added by the server's encoder; handlers set only what they mean.
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: HTTPResponseBody
    /// Hold the response this long before writing it (fault injection: latency). Uses a timer
    /// on the connection's event loop; the loop is never blocked.
    public var delay: Duration?
    /// Close the connection without writing anything (after `delay`, if set): fault injection's
    /// dropped connection. The client sees the socket close with no response.
    public var abortsConnection = false

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: HTTPResponseBody = .bytes([]), delay: Duration? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
    }

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), bytes: [UInt8]) {
        self.init(status: status, headers: headers, body: .bytes(bytes))
    }

    /// A `text/plain; charset=utf-8` response.
    public static func text(_ text: String, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var headers = headers
        if !headers.contains("Content-Type") { headers.add("Content-Type", "text/plain; charset=utf-8") }
        return HTTPResponse(status: status, headers: headers, body: .bytes(Array(text.utf8)))
    }

    /// An `application/json` response from already-serialised bytes.
    public static func json(_ bytes: [UInt8], status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var headers = headers
        if !headers.contains("Content-Type") { headers.add("Content-Type", "application/json") }
        return HTTPResponse(status: status, headers: headers, body: .bytes(bytes))
    }

    /// A `text/html; charset=utf-8` response.
    public static func html(_ html: String, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var headers = headers
        if !headers.contains("Content-Type") { headers.add("Content-Type", "text/html; charset=utf-8") }
        return HTTPResponse(status: status, headers: headers, body: .bytes(Array(html.utf8)))
    }

    /// No response at all: the connection closes (fault injection: a dropped connection).
    public static func abort() -> HTTPResponse {
        var response = HTTPResponse(status: .internalServerError)
        response.abortsConnection = true
        return response
    }

    /// A redirect with `Location` (302 by default; OAuth forbids 307/308 after a form post).
    public static func redirect(to location: String, status: HTTPStatus = .found) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Location": location], body: .bytes([]))
    }
}

/// A response body: bytes known up front, or a stream produced after the head is sent.
public enum HTTPResponseBody: Sendable {
    case bytes([UInt8])
    /// Streamed with chunked framing on HTTP/1.1 (close-delimited on 1.0). `start` runs on the
    /// connection's event loop once the head is written; the writer may be used from any thread.
    case stream(HTTPStreamProducer)
}

/// Starts a streamed body, e.g. a Server-Sent Events stream.
public struct HTTPStreamProducer: Sendable {
    public let start: @Sendable (any HTTPStreamWriter) -> Void
    public init(start: @escaping @Sendable (any HTTPStreamWriter) -> Void) { self.start = start }
}

/// The sending side of a streamed body. Thread-safe; every call after the peer closed is a no-op.
public protocol HTTPStreamWriter: Sendable {
    /// Queues bytes and flushes them promptly. Returns false when the stream is already closed.
    @discardableResult func write(_ bytes: [UInt8]) -> Bool
    /// Ends the body (the terminating chunk on HTTP/1.1). The connection may then be reused.
    func finish()
    /// True until `finish()` or until the peer closes the connection.
    var isOpen: Bool { get }
    /// Runs once when the stream ends for any reason (finish, peer close, server shutdown).
    func onClose(_ handler: @escaping @Sendable () -> Void)
    /// Runs `work` on the stream's event loop after `delay` unless the stream has closed.
    func schedule(after delay: Duration, _ work: @escaping @Sendable () -> Void)
}
