import Synchronization

/// A responder whose target is set after the server starts. The server must bind before the
/// application knows its own URL (port 0 → an ephemeral port; the OAuth issuer and the MCP
/// resource contain it), so the socket starts with this slot and the application is installed
/// once built. Until then every request gets 503 with `Retry-After: 1`; clients that wait for the
/// ready file never see it.
public final class ReplaceableResponder: HTTPResponder {
    private let target = Mutex<(any HTTPResponder)?>(nil)
    private let startingMessage: String

    /// - Parameter startingMessage: the 503 body while nothing is installed.
    public init(_ initial: (any HTTPResponder)? = nil, startingMessage: String = "Service Unavailable: the server is still starting\n") {
        self.startingMessage = startingMessage
        target.withLock { $0 = initial }
    }

    public func install(_ responder: any HTTPResponder) { target.withLock { $0 = responder } }

    public func respond(to request: HTTPRequest, context: RequestContext) throws -> HTTPResponse {
        guard let responder = target.withLock({ $0 }) else {
            return .text(startingMessage, status: .serviceUnavailable, headers: ["Retry-After": "1"])
        }
        return try responder.respond(to: request, context: context)
    }
}
