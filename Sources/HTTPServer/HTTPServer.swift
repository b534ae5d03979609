#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Essentials
import Synchronization

/// A generic HTTP/1.1 server (RFC 9112) on epoll event loops, optionally over TLS.
///
/// `start()` binds, listens and starts the loops, returning once connections are accepted.
/// Handlers run synchronously on the loop thread that owns the connection.
public final class HTTPServer: Sendable {
    private enum State {
        case idle
        case running(loops: [EventLoop], listeners: ListenerSet)
        case stopping
        case stopped
    }

    public let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    private let logger: Logger
    private let observer: (any HTTPServerObserver)?
    private let state = Mutex(State.idle)
    private let addresses = Mutex<[String]>([])
    private let port = Atomic<Int>(0)
    private let loopsStopped = DispatchGroup()

    /// - Parameter observer: told about every refusal made below the responder (see `HTTPServerObserver`).
    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder, logger: Logger,
                observer: (any HTTPServerObserver)? = nil) {
        self.configuration = configuration
        self.responder = responder
        self.logger = logger
        self.observer = observer
    }

    /// The port actually bound (useful with port 0). 0 before `start()`.
    public var boundPort: Int { port.load(ordering: .acquiring) }

    /// Every bound address as `host:port` (`127.0.0.1:7777`, `[::1]:7777`).
    public var boundAddresses: [String] { addresses.withLock { $0 } }

    public func start() throws(HTTPServerError) {
        let canStart = state.withLock { state -> Bool in
            guard case .idle = state else { return false }
            state = .stopping
            return true
        }
        guard canStart else { throw HTTPServerError.invalidState("the server was already started") }
        // A peer that closes while we write must not kill the process (MSG_NOSIGNAL covers
        // sockets; OpenSSL's own writes are covered by this).
        signal(SIGPIPE, SIG_IGN)
        do {
            try launch()
        } catch {
            state.withLock { $0 = .stopped }
            throw error
        }
    }

    private func launch() throws(HTTPServerError) {
        let tls = try configuration.tls.map { configuration throws(HTTPServerError) in try TLSContext(configuration) }
        let sockets = try bind()
        let threadCount = max(1, configuration.threads)
        let listeners = ListenerSet(sockets: sockets, loops: threadCount)
        let core = ServerCore(configuration: configuration, responder: responder, logger: logger, tls: tls, observer: observer)
        var loops: [EventLoop] = []
        do {
            for index in 0..<threadCount {
                loops.append(try EventLoop(index: index, core: core, listeners: listeners, stopped: loopsStopped))
            }
            for loop in loops { try loop.start() }
        } catch {
            // Loops that run stop themselves; the rest never watched the sockets.
            var started = 0
            for loop in loops where loop.isRunning {
                started += 1
                loop.execute { loop.beginDraining(gracePeriod: .zero) }
            }
            for _ in started..<threadCount { listeners.loopStoppedAccepting() }
            throw HTTPServerError.system(error)
        }
        port.store(sockets.first?.address.port ?? 0, ordering: .releasing)
        addresses.withLock { $0 = sockets.map(\.address.description) }
        state.withLock { $0 = .running(loops: loops, listeners: listeners) }
        logger.info("listening", [("addresses", sockets.map(\.address.description).joined(separator: ",")),
                                  ("threads", "\(threadCount)"), ("tls", tls == nil ? "off" : "on")])
    }

    private func bind() throws(HTTPServerError) -> [ListeningSocket] {
        var addresses = try SocketAddress.resolve(host: configuration.host, port: configuration.port)
        var sockets: [ListeningSocket] = []
        do {
            for index in addresses.indices {
                // With port 0 every address shares the port the first one was given.
                if index > 0, configuration.port == 0, let first = sockets.first { addresses[index].port = first.address.port }
                sockets.append(try ListeningSocket.open(addresses[index]))
            }
        } catch {
            for socket in sockets { socket.close() }
            throw error
        }
        return sockets
    }

    /// Stops accepting at once; connections finish their current request (bounded by
    /// `gracePeriod`), then close. Returns without waiting: call `waitUntilStopped()`.
    public func shutdown(gracePeriod: Duration) {
        let loops = state.withLock { state -> [EventLoop] in
            switch state {
            case .running(let loops, _):
                state = .stopping
                return loops
            case .idle:
                state = .stopped
                return []
            case .stopping, .stopped:
                return []
            }
        }
        for loop in loops { loop.execute { loop.beginDraining(gracePeriod: gracePeriod) } }
    }

    /// Blocks until every loop thread has ended (after `shutdown`).
    public func waitUntilStopped() {
        loopsStopped.wait()
        state.withLock { state in
            if case .stopping = state { state = .stopped }
        }
    }
}
