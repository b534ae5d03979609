import Synchronization

/// A value built exactly once, on whichever thread asks first. Start-up uses it for what only
/// tool calls need (search indexes, tool engines): the server asks for them from a background
/// thread once it answers, so they cost no start-up time, and a tool call that arrives earlier
/// blocks on the lock until the build it joined is done: it waits, it never sees a half-built or
/// missing value.
///
/// Once built, a read is one atomic acquire load (no lock on the request path).
final class DeferredValue<Value: AnyObject & Sendable>: Sendable {
    private let built = AtomicLazyReference<Value>()
    /// Held while building, so concurrent first readers wait for one build instead of racing.
    private let building = Mutex<Void>(())
    /// Captures only immutable inputs (arrays share storage with their owner: no copy).
    private let build: @Sendable () -> Value

    init(_ build: @escaping @Sendable () -> Value) {
        self.build = build
    }

    /// The value, building it first if nobody has yet (or waiting for the build under way).
    var value: Value {
        if let value = built.load() { return value }
        return building.withLock { _ in
            built.load() ?? built.storeIfNil(build())
        }
    }

    /// Whether the value exists already.
    var isBuilt: Bool { built.load() != nil }
}
