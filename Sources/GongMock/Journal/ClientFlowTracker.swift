/// Groups journal entries into flows per client (issue #14 "Flows"): a client's first entry
/// opens a flow, and an authorize after the flow already obtained a token opens the next.
/// Discovery requests carry no client identity; each waits for the next authorize from the same
/// remote address and User-Agent within `attributionWindow` seconds and joins its flow. A request
/// that names its client over the same TCP connection (same address and port: one connection
/// serves one client process) claims it too, as SDKs fetch metadata and tokens on one keep-alive
/// connection without a User-Agent. What neither claims stays unattributed: never guessed.
struct ClientFlowTracker: Sendable {
    static let attributionWindow: Double = 300
    static let maximumPending = 1024
    /// Clients followed at once; past it (a DCR storm) the table starts over, so memory stays bounded.
    static let maximumClients = 10_000

    private struct Flow: Sendable {
        let id: String
        var tokenIssued = false
    }

    private struct Pending: Sendable {
        let seq: UInt64
        let host: String
        let address: String
        let userAgent: String?
        let time: Double
    }

    private var nextFlow = 1
    private var current: [String: Flow] = [:]
    private var pending: [Pending] = []

    /// Sets `entry.flowID` and, for an authorize, returns the earlier discovery entries it claims.
    mutating func assign(_ entry: inout JournalEntry) -> [UInt64] {
        pending.removeAll { entry.time - $0.time > Self.attributionWindow }
        guard let client = entry.clientID else {
            if entry.isDiscovery {
                if pending.count >= Self.maximumPending { pending.removeFirst() }
                pending.append(Pending(seq: entry.seq, host: entry.remoteHost, address: entry.remoteAddress, userAgent: entry.userAgent, time: entry.time))
            }
            return []
        }
        if current.count >= Self.maximumClients && current[client] == nil { current.removeAll() }
        var flow = current[client]
        if flow == nil || (entry.isAuthorize && flow?.tokenIssued == true) {
            flow = Flow(id: "flow-\(nextFlow)")
            nextFlow += 1
        }
        guard var flow else { return [] }
        if entry.oauthDecisions.contains(where: { $0.rule == "token.code.redeemed" }) { flow.tokenIssued = true }
        current[client] = flow
        entry.flowID = flow.id
        let host = entry.remoteHost, address = entry.remoteAddress, agent = entry.userAgent, authorize = entry.isAuthorize
        func claims(_ item: Pending) -> Bool {
            item.address == address || (authorize && item.host == host && item.userAgent == agent)
        }
        let claimed = pending.filter(claims).map(\.seq)
        pending.removeAll(where: claims)
        return claimed
    }

    mutating func reset() { self = ClientFlowTracker() }
}
