import Synchronization

/// A responder whose target is set after the server starts. The server must bind before the
/// application knows its own URL (port 0 → an ephemeral port; the OAuth issuer and the MCP
/// resource contain it), so the socket starts with this slot and the application is installed
/// once built. Until then every request gets 503 with `Retry-After: 1`; clients that wait for the
/// ready file never see it.
public final class ReplaceableResponder: HTTPResponder {
    private let target = Mutex<(any HTTPResponder)?>(nil)

    public init(_ initial: (any HTTPResponder)? = nil) { target.withLock { $0 = initial } }

    public func install(_ responder: any HTTPResponder) { target.withLock { $0 = responder } }

    public func respond(to request: HTTPRequest, context: RequestContext) throws -> HTTPResponse {
        guard let responder = target.withLock({ $0 }) else {
            return .text("Service Unavailable: gong-mock is still starting\n", status: .serviceUnavailable, headers: ["Retry-After": "1"])
        }
        return try responder.respond(to: request, context: context)
    }
}
