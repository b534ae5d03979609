import Synchronization

/// The server's `HTTPStreamWriter`: callable from any thread, delivering on the connection's
/// event loop. Writes are queued under a lock and drained on the loop in order, each drain
/// flushing at once, so an SSE event reaches the socket as soon as it is written.
///
/// `@unchecked Sendable`: the connection reference is only dereferenced on the loop thread
/// (inside `drain`/`markClosed`), every other field is behind the mutex or immutable.
final class ConnectionStreamWriter: HTTPStreamWriter, @unchecked Sendable {
    private struct State {
        var open = true
        var finishRequested = false
        var drainScheduled = false
        var pending: [[UInt8]] = []
        var handlers: [@Sendable () -> Void] = []
    }

    private let state = Mutex(State())
    private let loop: EventLoop
    private weak var connection: HTTPConnection?

    init(loop: EventLoop, connection: HTTPConnection) {
        self.loop = loop
        self.connection = connection
    }

    @discardableResult
    func write(_ bytes: [UInt8]) -> Bool {
        let scheduling: Bool? = state.withLock { state in
            guard state.open, !state.finishRequested else { return nil }
            state.pending.append(bytes)
            if state.drainScheduled { return false }
            state.drainScheduled = true
            return true
        }
        guard let scheduling else { return false }
        deliver(scheduling)
        return true
    }

    func finish() {
        let scheduling: Bool? = state.withLock { state in
            guard state.open, !state.finishRequested else { return nil }
            state.finishRequested = true
            if state.drainScheduled { return false }
            state.drainScheduled = true
            return true
        }
        guard let scheduling else { return }
        deliver(scheduling)
    }

    var isOpen: Bool { state.withLock { $0.open && !$0.finishRequested } }

    func onClose(_ handler: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state -> Bool in
            guard state.open else { return true }
            state.handlers.append(handler)
            return false
        }
        if runNow { handler() }
    }

    func schedule(after delay: Duration, _ work: @escaping @Sendable () -> Void) {
        let arm: @Sendable () -> Void = { [self] in
            loop.schedule(after: delay) { [self] in
                if isOpen { work() }
            }
        }
        if loop.inEventLoop { arm() } else { loop.execute(arm) }
    }

    private func deliver(_ scheduling: Bool) {
        if loop.inEventLoop {
            drain()
        } else if scheduling {
            loop.execute { [self] in drain() }
        }
    }

    /// Loop thread: moves queued bytes into the connection and flushes.
    private func drain() {
        let (chunks, finishing) = state.withLock { state -> ([[UInt8]], Bool) in
            let chunks = state.pending
            state.pending.removeAll()
            state.drainScheduled = false
            return (chunks, state.finishRequested && state.open)
        }
        guard let connection, connection.stream === self else { return }
        for chunk in chunks { connection.streamAppend(chunk) }
        if finishing {
            connection.streamFinish()
        } else {
            connection.flush()
        }
    }

    /// Loop thread: the stream ended (finished, peer gone, server stopping). Runs the handlers.
    func markClosed() {
        let handlers = state.withLock { state -> [@Sendable () -> Void] in
            state.open = false
            state.pending.removeAll()
            let handlers = state.handlers
            state.handlers.removeAll()
            return handlers
        }
        for handler in handlers { handler() }
    }
}
