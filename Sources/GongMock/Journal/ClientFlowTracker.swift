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
    /// Discovery entries waiting for their client, oldest first, from `pendingStart` on: a queue
    /// (dropping the oldest moves an index, not up to 1,023 entries) that a flood of discovery
    /// requests walks in O(1) each rather than O(`maximumPending`).
    private var pending: [Pending] = []
    private var pendingStart = 0
    private var pendingCount: Int { pending.count - pendingStart }
    /// How many waiting entries came from each remote address: a request that can claim only by
    /// address (anything but an authorize) skips the scan when none did, so 1,024 unclaimed
    /// discovery requests (health checks, a bench) do not cost every tool call a walk of them.
    private var pendingAddresses: [String: Int] = [:]

    /// Sets `entry.flowID` and, for an authorize, returns the earlier discovery entries it claims.
    mutating func assign(_ entry: inout JournalEntry) -> [UInt64] {
        let now = entry.time
        func expired(_ item: Pending) -> Bool { now - item.time > Self.attributionWindow }
        // Entries arrive in time order, so the expired ones are at the front (one that a clock
        // moved back left behind is skipped when claiming).
        while pendingStart < pending.count, expired(pending[pendingStart]) { dropOldestPending() }
        guard let client = entry.clientID else {
            if entry.isDiscovery {
                if pendingCount >= Self.maximumPending { dropOldestPending() }
                pending.append(Pending(seq: entry.seq, host: entry.remoteHost, address: entry.remoteAddress, userAgent: entry.userAgent, time: entry.time))
                pendingAddresses[entry.remoteAddress, default: 0] += 1
            }
            return []
        }
        if current.count >= Self.maximumClients && current[client] == nil { current.removeAll() }
        let existing = current[client]
        var flow = existing
        if flow == nil || (entry.isAuthorize && flow?.tokenIssued == true) {
            flow = Flow(id: "flow-\(nextFlow)")
            nextFlow += 1
        }
        guard var flow else { return [] }
        if entry.oauthDecisions.contains(where: { $0.rule == "token.code.redeemed" }) { flow.tokenIssued = true }
        // A tool call in a known flow changes nothing: skip the second hash of the client_id.
        if existing?.id != flow.id || existing?.tokenIssued != flow.tokenIssued { current[client] = flow }
        entry.flowID = flow.id
        guard pendingCount > 0 else { return [] }
        let host = entry.remoteHost, address = entry.remoteAddress, agent = entry.userAgent, authorize = entry.isAuthorize
        guard authorize || pendingAddresses[address] != nil else { return [] }
        func claims(_ item: Pending) -> Bool {
            !expired(item) && (item.address == address || (authorize && item.host == host && item.userAgent == agent))
        }
        let waiting = pending[pendingStart...]
        let claimed = waiting.filter(claims).map(\.seq)
        guard !claimed.isEmpty else { return [] }
        pending = waiting.filter { !claims($0) }
        pendingStart = 0
        pendingAddresses = [:]
        for item in pending { pendingAddresses[item.address, default: 0] += 1 }
        return claimed
    }

    private mutating func dropOldestPending() {
        let address = pending[pendingStart].address
        if let count = pendingAddresses[address], count > 1 { pendingAddresses[address] = count - 1 } else { pendingAddresses[address] = nil }
        pendingStart += 1
        // Reclaim the dropped prefix once it is half the array: amortised O(1) per entry.
        if pendingStart == pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingStart = 0
        } else if pendingStart >= 64 && pendingStart * 2 >= pending.count {
            pending.removeFirst(pendingStart)
            pendingStart = 0
        }
    }

    mutating func reset() { self = ClientFlowTracker() }
}
