/// Sees what happens below the responder, where no middleware runs: requests the parser refused
/// (400, 413, 414, 431), a header block that never completed (408) and connections over the cap
/// (503). The journal records them through this hook. Called on the loop thread; must not block.
public protocol HTTPServerObserver: Sendable {
    func serverRefused(_ refusal: HTTPRefusal)
}

/// One refusal made by the server core itself (RFC 9112 §2.2: answer, then close).
public struct HTTPRefusal: Sendable {
    /// A fresh id from the same sequence as `RequestContext.requestID`.
    public let requestID: UInt64
    public let status: HTTPStatus
    /// The explanation sent as the response body.
    public let reason: String
    public let remoteAddress: String
    public let connectionID: UInt64
    public let isSecure: Bool

    public init(requestID: UInt64, status: HTTPStatus, reason: String, remoteAddress: String, connectionID: UInt64, isSecure: Bool) {
        self.requestID = requestID
        self.status = status
        self.reason = reason
        self.remoteAddress = remoteAddress
        self.connectionID = connectionID
        self.isSecure = isSecure
    }
}

/// An observer from a closure.
public struct ClosureServerObserver: HTTPServerObserver {
    private let body: @Sendable (HTTPRefusal) -> Void
    public init(_ body: @escaping @Sendable (HTTPRefusal) -> Void) { self.body = body }
    public func serverRefused(_ refusal: HTTPRefusal) { body(refusal) }
}
