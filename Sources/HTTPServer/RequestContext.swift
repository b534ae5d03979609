/// What the server knows about a request besides its bytes: where it came from, which route
/// matched and with what parameters, and the shared `outcome` box every layer records into.
/// Handlers read it; middleware may add to it.
public struct RequestContext: Sendable {
    /// Path parameters captured by the router (`/integrations/{id}` → `["id": "…"]`), percent-decoded.
    public var pathParameters: [String: String]
    /// The peer address as text (`127.0.0.1:53122`, `[::1]:53122`), for logs.
    public var remoteAddress: String
    /// True when the request arrived over TLS.
    public var isSecure: Bool
    /// A per-connection sequence number, for correlating log lines.
    public var connectionID: UInt64
    /// Shared by every copy of this context: what the layers decided about the request.
    public let outcome: RequestOutcome

    /// Unique in the process (see `RequestOutcome.nextRequestID`).
    public var requestID: UInt64 { outcome.requestID }

    /// The route pattern that matched (`/admin/api/integrations/{id}`), once routed.
    public var routePattern: String? { outcome.route }

    public init(pathParameters: [String: String] = [:], remoteAddress: String = "-", isSecure: Bool = false, connectionID: UInt64 = 0,
                requestID: UInt64 = RequestOutcome.nextRequestID()) {
        self.pathParameters = pathParameters
        self.remoteAddress = remoteAddress
        self.isSecure = isSecure
        self.connectionID = connectionID
        self.outcome = RequestOutcome(requestID: requestID)
    }

    public func parameter(_ name: String) -> String? { pathParameters[name] }
}
