import Essentials
import HTTPServer
import Synchronization

/// The request journal (issue #14): every request and response in a ring bounded by entries
/// (`--journal-size`, default 10,000) and bytes (`--journal-bytes`, default 8 MiB), each body cut
/// at 16 KiB with its full length kept; the oldest entries go first, so memory stays bounded
/// under any load. Entries are grouped into client flows as they arrive, optionally streamed as
/// JSONL to `--journal FILE`, and redacted whenever they leave the process.
public final class Journal: Sendable {
    public struct Configuration: Sendable {
        /// Entries kept; 0 turns the journal off.
        public var entries = 10_000
        public var bytes = 8 * 1024 * 1024
        public var bodyLimit = 16 * 1024
        /// Append every entry as a JSONL line to this file, flushed per entry.
        public var filePath: String?
        public init() {}
    }

    /// The integration behind an OAuth client_id (the Gong layer knows; the journal asks once per
    /// client and keeps the answer, so a renamed integration shows its old name until `reset`).
    /// Called under the journal's lock: it must not call back into the journal.
    public typealias ClientDescriber = @Sendable (String) -> (id: String, name: String)?

    private struct State: Sendable {
        var ring: JournalRing
        var flows = ClientFlowTracker()
        /// Integrations by client_id, looked up once per client rather than per request (the
        /// store copies a whole integration per lookup); bounded like the flow tracker.
        var integrations: [String: (id: String, name: String)] = [:]
        /// `ring.evictedBytes` and the entry time at the last heap trim.
        var trimmedAtEvictedBytes = 0
        var trimmedAt: Double = 0
    }

    /// At most this often, the heap is trimmed once a ring's worth of entries was evicted.
    static let trimInterval: Double = 1

    public let configuration: Configuration
    private let state: Mutex<State>
    private let describeClient: ClientDescriber
    private let file: JournalFileSink?

    public init(configuration: Configuration, describeClient: @escaping ClientDescriber = { _ in nil }) throws(GongMockStartupError) {
        self.configuration = configuration
        self.describeClient = describeClient
        state = Mutex(State(ring: JournalRing(capacity: configuration.entries, byteLimit: configuration.bytes)))
        file = try configuration.filePath.map { path throws(GongMockStartupError) in try JournalFileSink(path: path) }
    }

    public var isEnabled: Bool { configuration.entries > 0 }

    /// Numbers, attributes and stores an entry (and writes it to `--journal FILE`).
    /// The entry is taken, not copied: a copy would retain and later release each of its
    /// strings, headers and bodies once more per request.
    public func record(_ entry: consuming JournalEntry) {
        guard isEnabled else { return }
        let file = self.file
        let describeClient = self.describeClient
        // Evicted entries are freed after the lock is released: freeing a body and its headers is
        // the costliest part of recording, and the other loop threads need not wait for it.
        let (evictedFirst, evictedMore, trim) = state.withLock { state -> (first: JournalEntry?, more: [JournalEntry], trim: Bool) in
            if let client = entry.clientID, entry.integrationID == nil {
                // One dictionary lookup on the common path (a client seen before): hashing the
                // client_id is a measurable part of recording.
                var integration = state.integrations[client]
                if integration == nil, let described = describeClient(client) {
                    if state.integrations.count >= ClientFlowTracker.maximumClients { state.integrations.removeAll() }
                    state.integrations[client] = described
                    integration = described
                }
                entry.integrationID = integration?.id
                entry.integrationName = integration?.name
            }
            entry.seq = state.ring.nextSeq
            let claimed = state.flows.assign(&entry)
            for seq in claimed {
                guard var earlier = state.ring[seq] else { continue }
                earlier.flowID = entry.flowID
                earlier.clientID = entry.clientID
                earlier.integrationID = entry.integrationID
                earlier.integrationName = entry.integrationName
                state.ring[seq] = earlier
            }
            let evicted = state.ring.append(entry)
            // Written under the lock so the file's lines are in seq order.
            file?.write(entry.jsonLine())
            let trim = state.ring.evictedBytes - state.trimmedAtEvictedBytes >= state.ring.byteLimit
                // Entry times follow the virtual clock, which may be moved back: any second apart counts.
                && abs(entry.time - state.trimmedAt) >= Self.trimInterval
            if trim {
                state.trimmedAtEvictedBytes = state.ring.evictedBytes
                state.trimmedAt = entry.time
            }
            return (evicted.first, evicted.more, trim)
        }
        _ = consume evictedFirst
        _ = consume evictedMore
        // An entry is built on one loop thread and often evicted on another, so each thread's
        // malloc arena ends up holding a journal's worth of freed space, resident until trimmed
        // (measured: 7 MB of the RSS after 79k charged calls with two loop threads; issue #16).
        // Trimming once the ring has turned over, at most once a second, keeps RSS at what the
        // journal really holds.
        if trim { ProcessMemory.returnFreePages() }
    }

    /// A refusal the HTTP server core made below the responder (parse error, 408, the
    /// connection cap): no request was read, so only the peer, the status and the reason.
    public func record(_ refusal: HTTPRefusal, time: Double) {
        let text = refusal.reason
        var headers = HTTPHeaders()
        headers.add("Content-Type", "text/plain; charset=utf-8")
        record(JournalEntry(
            requestID: refusal.requestID, time: time, clientID: nil, userID: nil, method: "-", path: "-", query: nil, route: nil,
            status: refusal.status.code, durationMs: 0, requestBytes: 0, responseBytes: text.utf8.count,
            remoteAddress: refusal.remoteAddress, userAgent: nil, mcp: nil, oauthDecisions: [], credits: nil, creditsExhausted: false,
            refusal: JournalRefusal(rule: "http.\(refusal.status.code)", text: text),
            request: JournalMessage(headers: HTTPHeaders(), body: [], bodyLength: 0),
            response: JournalMessage(headers: headers, body: Array(text.utf8), bodyLength: text.utf8.count)))
    }

    /// Matching entries, oldest first; with a limit, the newest `limit` of them.
    public func entries(_ filter: JournalFilter = JournalFilter()) -> [JournalEntry] {
        var matches = state.withLock { $0.ring.entries(after: filter.since) }.filter(filter.matches)
        if let limit = filter.limit, matches.count > limit { matches.removeFirst(matches.count - limit) }
        return matches
    }

    public func entry(seq: UInt64) -> JournalEntry? { state.withLock { $0.ring[seq] } }

    /// Entries retained, their footprint in bytes, and how many were evicted so far.
    public var usage: (entries: Int, bytes: Int, evicted: UInt64) {
        state.withLock { ($0.ring.count, $0.ring.bytes, $0.ring.evicted) }
    }

    /// Forgets every entry and flow (sequence numbers keep increasing).
    public func reset() {
        state.withLock { state in
            let next = state.ring.nextSeq
            state.ring = JournalRing(capacity: configuration.entries, byteLimit: configuration.bytes, firstSeq: next)
            state.flows.reset()
            state.integrations = [:]
            state.trimmedAtEvictedBytes = 0
        }
    }
}
