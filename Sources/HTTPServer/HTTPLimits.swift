/// The limits the server enforces on every connection, each answered with its own status
/// (RFC 9112 §3 and §5: servers choose their limits and say which one was hit).
public struct HTTPLimits: Sendable, Equatable {
    /// Longest request line (method, target, version) before 414 URI Too Long.
    public var maxRequestLineBytes: Int
    /// Largest header block (every field line, CRLFs included) before 431.
    public var maxHeaderBytes: Int
    /// Most header fields before 431.
    public var maxHeaderCount: Int
    /// Largest request body (decoded, for chunked bodies) before 413 Content Too Large.
    public var maxBodyBytes: Int
    /// How long a client has, from the first byte of a request (or from connecting), to send
    /// the complete header block (and finish the TLS handshake) before 408 and close.
    public var headerTimeout: Duration
    /// How long a keep-alive connection may sit between requests before it is closed quietly.
    public var idleTimeout: Duration
    /// Most simultaneous connections over the whole server; more are answered 503 and closed.
    public var maxConnections: Int

    public init(
        maxRequestLineBytes: Int = 8 * 1024,
        maxHeaderBytes: Int = 16 * 1024,
        maxHeaderCount: Int = 100,
        maxBodyBytes: Int = 1024 * 1024,
        headerTimeout: Duration = .seconds(10),
        idleTimeout: Duration = .seconds(30),
        maxConnections: Int = 10_000
    ) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }

    public static let `default` = HTTPLimits()
}
