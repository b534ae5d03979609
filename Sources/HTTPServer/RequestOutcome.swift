import Synchronization

/// What became of one request, filled in by the layers that handle it (the router: the route;
/// OAuth: the client and its decisions; MCP: principal, JSON-RPC method, tool, error) and read
/// by an outer middleware after `next` returns (the journal, the flow view). Hummingbird's
/// `EndpointPath` trick: the request context is a value, this box inside it is shared.
///
/// A `final class` with a `Mutex`: the box is written on the event-loop thread that runs the
/// handler, but a streamed body may finish on another, so every access is locked (uncontended,
/// a few nanoseconds).
public final class RequestOutcome: Sendable {
    /// The outcome of the request being handled on this thread, bound by `Router` while a route
    /// runs, for code that records without a context at hand (OAuth's decision log). Handlers
    /// are synchronous on the loop thread, so the binding covers exactly one request.
    @TaskLocal public static var current: RequestOutcome?

    /// Unique in the process, increasing; also on the refusals the server core reports.
    public let requestID: UInt64
    private let storage = Mutex(Storage())

    private struct Storage: ~Copyable {
        var route: String?
        var slots: [ObjectIdentifier: any Sendable] = [:]
    }

    public init(requestID: UInt64) { self.requestID = requestID }

    /// The route pattern that matched (`/admin/api/integrations/{id}`), once routed.
    public var route: String? {
        get { storage.withLock { $0.route } }
        set { storage.withLock { $0.route = newValue } }
    }

    /// The value a layer recorded under `key`, nil when it recorded none.
    public subscript<Key: RequestOutcomeKey>(_ key: Key.Type) -> Key.Value? {
        get { storage.withLock { $0.slots[ObjectIdentifier(key)] } as? Key.Value }
        set { storage.withLock { $0.slots[ObjectIdentifier(key)] = newValue } }
    }

    /// Changes the value under `key` in place, starting from `initial` when there is none yet.
    public func update<Key: RequestOutcomeKey>(_ key: Key.Type, initial: @autoclosure () -> Key.Value,
                                               _ change: (inout Key.Value) -> Void) {
        storage.withLock { storage in
            var value = storage.slots[ObjectIdentifier(key)] as? Key.Value ?? initial()
            change(&value)
            storage.slots[ObjectIdentifier(key)] = value
        }
    }

    private static let counter = Atomic<UInt64>(0)

    /// The next process-wide request id.
    public static func nextRequestID() -> UInt64 { counter.add(1, ordering: .relaxed).newValue }
}
