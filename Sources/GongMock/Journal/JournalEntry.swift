import HTTPServer
import MCP
import OAuth

/// One request and its response as the journal keeps them (issue #14 "Journal": the entry
/// members are stable and documented in the README). Built from the typed outcome the layers
/// recorded in the request's `RequestOutcome`, never from log lines.
public struct JournalEntry: Sendable {
    /// Increasing, gap-free while the process runs.
    public internal(set) var seq: UInt64
    public let requestID: UInt64
    /// Server-clock time the request arrived, seconds since the epoch.
    public let time: Double
    /// The flow this entry belongs to; nil while a discovery request waits for attribution, and
    /// for requests no client can be tied to.
    public internal(set) var flowID: String?
    /// The OAuth client_id, when known (or attributed for discovery requests).
    public internal(set) var clientID: String?
    public internal(set) var integrationID: String?
    public internal(set) var integrationName: String?
    public let userID: String?
    public let method: String
    /// The path without the query.
    public let path: String
    /// The raw query (redacted when rendered).
    public let query: String?
    public let route: String?
    public let status: Int
    public let durationMs: Double
    public let requestBytes: Int
    public let responseBytes: Int?
    public let remoteAddress: String
    public let userAgent: String?
    public let mcp: MCPRequestOutcome?
    public let oauthDecisions: [OAuthDecisionEvent]
    public let credits: Double?
    public let creditsExhausted: Bool
    public let refusal: JournalRefusal?
    public let request: JournalMessage
    public let response: JournalMessage
    /// The test-control faults that fired on this request (`fault-1`, …; see `FaultRequestOutcome`).
    public var faults: [String] = []

    public init(seq: UInt64 = 0, requestID: UInt64, time: Double, flowID: String? = nil, clientID: String?, integrationID: String? = nil,
                integrationName: String? = nil, userID: String?, method: String, path: String, query: String?, route: String?,
                status: Int, durationMs: Double, requestBytes: Int, responseBytes: Int?, remoteAddress: String, userAgent: String?,
                mcp: MCPRequestOutcome?, oauthDecisions: [OAuthDecisionEvent], credits: Double?, creditsExhausted: Bool,
                refusal: JournalRefusal?, request: JournalMessage, response: JournalMessage) {
        self.seq = seq
        self.requestID = requestID
        self.time = time
        self.flowID = flowID
        self.clientID = clientID
        self.integrationID = integrationID
        self.integrationName = integrationName
        self.userID = userID
        self.method = method
        self.path = path
        self.query = query
        self.route = route
        self.status = status
        self.durationMs = durationMs
        self.requestBytes = requestBytes
        self.responseBytes = responseBytes
        self.remoteAddress = remoteAddress
        self.userAgent = userAgent
        self.mcp = mcp
        self.oauthDecisions = oauthDecisions
        self.credits = credits
        self.creditsExhausted = creditsExhausted
        self.refusal = refusal
        self.request = request
        self.response = response
    }

    /// The peer's address without the port: discovery attribution matches on it.
    public var remoteHost: String {
        if remoteAddress.hasPrefix("["), let close = remoteAddress.firstIndex(of: "]") {
            return String(remoteAddress[...close])
        }
        guard let colon = remoteAddress.lastIndex(of: ":") else { return remoteAddress }
        return String(remoteAddress[..<colon])
    }

    /// True for requests that carry no client identity but start a flow: the metadata
    /// documents and an unauthenticated request to the MCP endpoint (which answers 401 with the
    /// metadata URL). Attributed to the next authorize from the same address and User-Agent.
    public var isDiscovery: Bool {
        if oauthDecisions.contains(where: { $0.endpoint == .discovery }) { return true }
        return route == "/mcp" && status == 401 && request.headers["Authorization"] == nil && !(query?.contains("access_token=") ?? false)
    }

    /// True when the OAuth server recorded a decision at the authorize endpoint.
    public var isAuthorize: Bool { oauthDecisions.contains { $0.endpoint == .authorize } }

    /// Query (for GET) or form parameters, as sent; secret values still in clear (render through
    /// `JournalRedaction`).
    public var parameters: [(name: String, value: String)] {
        var items = query.map { URLEncodedForm.parse($0) } ?? []
        if request.mediaType == "application/x-www-form-urlencoded" {
            items += URLEncodedForm.parse(String(decoding: request.body, as: UTF8.self))
        }
        return items
    }

    public func parameter(_ name: String) -> String? { parameters.first { $0.name == name }?.value }

    var footprint: Int { request.footprint + response.footprint + 512 + path.utf8.count + (query?.utf8.count ?? 0) }
}
