#if canImport(Glibc)
import Glibc
#endif
import CShims
import Dispatch
import Essentials
import Synchronization

/// One event-loop thread: an epoll instance, the connections it accepted, its timers and a
/// queue of work submitted from other threads (NIO's `SelectableEventLoop`, reduced).
///
/// Everything not behind a lock is touched only on the loop thread; that is what makes the
/// `@unchecked Sendable` sound. Other threads talk to the loop through `execute`.
final class EventLoop: @unchecked Sendable {
    let index: Int
    let core: ServerCore
    let selector: Selector
    private let listeners: ListenerSet
    private let stopped: DispatchGroup

    private let tasks = Mutex<[@Sendable () -> Void]>([])
    private let wakePending = Atomic<Bool>(false)
    private let threadID = Atomic<UInt>(0)

    // Loop-confined state.
    var connections: [HTTPConnection?] = []
    var liveConnections = 0
    var now: UInt64 = SystemCall.monotonicNanoseconds()
    var timers = TimerQueue()
    private var taskTimers: [UInt64: () -> Void] = [:]
    private var nextTaskTimer: UInt64 = 0
    private var nextGeneration: UInt32 = 0
    private(set) var draining = false
    private var running = true
    let readBuffer: UnsafeMutableRawBufferPointer
    var dateCache = HTTPDateCache()

    static let listenerTagBase: UInt64 = 0xFFFF_FFFE_0000_0000

    init(index: Int, core: ServerCore, listeners: ListenerSet, stopped: DispatchGroup) throws(SystemCallError) {
        self.index = index
        self.core = core
        self.listeners = listeners
        self.stopped = stopped
        self.selector = try Selector()
        self.readBuffer = .allocate(byteCount: 64 * 1024, alignment: 16)
        for (offset, listener) in listeners.sockets.enumerated() {
            try selector.add(listener.fd, events: Selector.readable | Selector.exclusive, tag: Self.listenerTagBase | UInt64(offset))
        }
    }

    deinit { readBuffer.deallocate() }

    private let started = Atomic<Bool>(false)
    var isRunning: Bool { started.load(ordering: .acquiring) }

    func start() throws(SystemCallError) {
        stopped.enter()
        do {
            try LoopThread.start(name: "http-loop-\(index)") { [self] in
                run()
                stopped.leave()
            }
            started.store(true, ordering: .releasing)
        } catch {
            stopped.leave()
            throw error
        }
    }

    var inEventLoop: Bool { threadID.load(ordering: .relaxed) == LoopThread.current }

    /// Runs `work` on the loop thread soon. Callable from any thread.
    func execute(_ work: @escaping @Sendable () -> Void) {
        tasks.withLock { $0.append(work) }
        if !wakePending.exchange(true, ordering: .acquiringAndReleasing) { selector.wake() }
    }

    /// Runs `work` on the loop after `delay`. Loop thread only. Returns an id for `cancelTimer`.
    @discardableResult
    func schedule(after delay: Duration, _ work: @escaping () -> Void) -> UInt64 {
        nextTaskTimer &+= 1
        let id = nextTaskTimer
        taskTimers[id] = work
        timers.schedule(at: SystemCall.monotonicNanoseconds() &+ delay.nanoseconds, .task(id))
        return id
    }

    func cancelTimer(_ id: UInt64) { taskTimers[id] = nil }

    /// Arms (or moves later, lazily) the deadline check of a connection. Loop thread only.
    func armDeadline(_ connection: HTTPConnection, at deadline: UInt64) {
        connection.deadline = deadline
        if connection.timerArmedAt == 0 || deadline < connection.timerArmedAt {
            connection.timerArmedAt = deadline
            timers.schedule(at: deadline, .connection(slot: connection.fd, generation: connection.generation))
        }
    }

    private func run() {
        threadID.store(LoopThread.current, ordering: .relaxed)
        while running {
            let timeout = waitTimeout()
            let count: Int
            do {
                count = try selector.wait(timeout: timeout)
            } catch {
                core.logger.error("epoll_wait failed; stopping loop", [("loop", "\(index)"), ("error", "\(error)")])
                break
            }
            now = SystemCall.monotonicNanoseconds()
            for position in 0..<count {
                let (tag, mask) = selector.event(at: position)
                dispatch(tag: tag, mask: mask)
            }
            runTasks()
            runTimers()
            if draining && liveConnections == 0 { running = false }
        }
        for case let connection? in connections { connection.close() }
        selector.close()
    }

    private func waitTimeout() -> Int32 {
        guard let earliest = timers.earliest else { return -1 }
        let current = SystemCall.monotonicNanoseconds()
        guard earliest > current else { return 0 }
        let milliseconds = (earliest - current + 999_999) / 1_000_000
        return Int32(min(milliseconds, 60_000))
    }

    private func dispatch(tag: UInt64, mask: UInt32) {
        if tag == Selector.wakeTag {
            selector.drainWake()
            return
        }
        if tag & Self.listenerTagBase == Self.listenerTagBase {
            let offset = Int(tag & 0xFFFF_FFFF)
            if !draining, offset < listeners.sockets.count { acceptConnections(from: listeners.sockets[offset]) }
            return
        }
        let slot = Int(Int32(truncatingIfNeeded: tag & 0xFFFF_FFFF))
        let generation = UInt32(truncatingIfNeeded: tag >> 32)
        guard slot < connections.count, let connection = connections[slot], connection.generation == generation else { return }
        connection.handleEvents(mask)
    }

    private func runTasks() {
        wakePending.store(false, ordering: .releasing)
        let batch = tasks.withLock { pending -> [@Sendable () -> Void] in
            if pending.isEmpty { return [] }
            let taken = pending
            pending.removeAll(keepingCapacity: true)
            return taken
        }
        for work in batch { work() }
    }

    private func runTimers() {
        guard !timers.isEmpty else { return }
        now = SystemCall.monotonicNanoseconds()
        while let entry = timers.popDue(now: now) {
            switch entry.target {
            case .task(let id):
                if let work = taskTimers.removeValue(forKey: id) { work() }
            case .connection(let slot, let generation):
                let index = Int(slot)
                guard index < connections.count, let connection = connections[index], connection.generation == generation else { continue }
                if connection.timerArmedAt == entry.deadline { connection.timerArmedAt = 0 }
                connection.checkDeadline(now: now)
            }
        }
    }

    private func acceptConnections(from listener: ListeningSocket) {
        var address = sockaddr_storage()
        for _ in 0..<64 {
            let fd: Int32
            do {
                switch try SystemCall.accept(listener.fd, &address) {
                case .wouldBlock: return
                case .processed(let accepted): fd = accepted
                }
            } catch {
                if error.code == ECONNABORTED || error.code == EPROTO { continue }
                core.logger.warning("accept failed", [("error", "\(error)")])
                return
            }
            let remote = SocketAddress(storage: address, length: socklen_t(MemoryLayout<sockaddr_storage>.size))
            register(fd: fd, remote: remote)
        }
    }

    private func register(fd: Int32, remote: SocketAddress) {
        do {
            // Responses leave in one write; without this, SSE events written one by one
            // would wait on delayed ACKs (Nagle).
            try SystemCall.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1, "setsockopt(TCP_NODELAY)")
        } catch {
            core.logger.debug("TCP_NODELAY not set", [("error", "\(error)")])
        }
        let limit = core.limits.maxConnections
        let open = core.openConnections.add(1, ordering: .relaxed).newValue
        var refusing = false
        if open > limit {
            core.openConnections.subtract(1, ordering: .relaxed)
            // Refuse politely (503) but never let refusals themselves pile up without bound.
            guard core.refusingConnections.add(1, ordering: .relaxed).newValue <= max(16, limit) else {
                core.refusingConnections.subtract(1, ordering: .relaxed)
                SystemCall.close(fd)
                return
            }
            refusing = true
        }
        nextGeneration = nextGeneration >= 0x7FFF_FFFF ? 1 : nextGeneration + 1
        let connection = HTTPConnection(loop: self, fd: fd, generation: nextGeneration, remote: remote, refusing: refusing)
        let index = Int(fd)
        if index >= connections.count { connections.append(contentsOf: repeatElement(nil, count: index + 1 - connections.count + 64)) }
        connections[index] = connection
        liveConnections += 1
        do {
            try selector.add(fd, events: Selector.readable | Selector.writable | Selector.readHangup | Selector.edgeTriggered,
                             tag: UInt64(connection.generation) << 32 | UInt64(UInt32(bitPattern: fd)))
        } catch {
            core.logger.warning("epoll registration failed", [("error", "\(error)")])
            connection.close()
            return
        }
        connection.start()
    }

    /// Called by a connection as it closes: frees its slot and the server-wide count.
    func forget(_ connection: HTTPConnection) {
        let index = Int(connection.fd)
        if index < connections.count, connections[index] === connection { connections[index] = nil }
        liveConnections -= 1
        if connection.isRefusal {
            core.refusingConnections.subtract(1, ordering: .relaxed)
        } else {
            core.openConnections.subtract(1, ordering: .relaxed)
        }
    }

    /// Graceful stop: no more accepting; idle connections close now, busy ones after their
    /// response; anything still open when the grace period ends is closed.
    func beginDraining(gracePeriod: Duration) {
        guard !draining else { return }
        draining = true
        for listener in listeners.sockets { selector.remove(listener.fd) }
        listeners.loopStoppedAccepting()
        for case let connection? in connections { connection.drain() }
        schedule(after: gracePeriod) { [self] in
            for case let connection? in connections { connection.close() }
        }
    }
}

/// The listening sockets of one server, closed once every loop has stopped watching them.
final class ListenerSet: Sendable {
    let sockets: [ListeningSocket]
    private let loopsWatching: Atomic<Int>

    init(sockets: [ListeningSocket], loops: Int) {
        self.sockets = sockets
        self.loopsWatching = Atomic(loops)
    }

    func loopStoppedAccepting() {
        if loopsWatching.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 {
            for socket in sockets { socket.close() }
        }
    }
}
