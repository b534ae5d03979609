import Essentials

/// One accepted connection, owned by its event loop and touched only on that loop's thread.
///
/// Requests are parsed from the read buffer and answered strictly in order: while a response
/// is delayed or streaming (`busy`), later pipelined requests wait in the parser's buffer.
/// A refused request is answered with `Connection: close`; the connection then stops sending
/// (`shutdown(SHUT_WR)`) and reads until the peer closes or a short linger ends, so the
/// answer is not destroyed by a TCP reset (RFC 9112 §9.6).
final class HTTPConnection {
    enum Phase { case open, closeAfterFlush, lingering, closed }
    enum DeadlineKind { case none, header, idle, linger }

    /// Stop taking pipelined requests while this much output waits for the peer.
    static let outputHighWater = 1024 * 1024
    /// A stream whose peer does not read is cut off beyond this much pending output.
    static let streamOutputLimit = 16 * 1024 * 1024
    /// Stop reading while busy once this much input is buffered.
    static let inputHighWater = 256 * 1024
    static let lingerTimeout: Duration = .seconds(2)

    unowned let loop: EventLoop
    let fd: Int32
    let generation: UInt32
    let id: UInt64
    let remoteAddress: String
    let isRefusal: Bool
    var transport: ConnectionTransport = .plain
    var handshakeDone = true
    var parser: HTTPRequestParser
    var output = OutputQueue()
    var phase = Phase.open
    /// A delayed or streamed response is in progress.
    var busy = false
    var stream: ConnectionStreamWriter?
    var streamChunked = false
    var streamKeepAlive = false
    var peerClosedInput = false
    var inputPaused = false
    var processing = false
    /// processInput stopped because too much output was waiting, not for lack of requests.
    var stoppedForOutput = false
    var deadline: UInt64 = 0
    var timerArmedAt: UInt64 = 0
    var deadlineKind = DeadlineKind.none

    init(loop: EventLoop, fd: Int32, generation: UInt32, remote: SocketAddress, refusing: Bool) {
        self.loop = loop
        self.fd = fd
        self.generation = generation
        self.id = loop.core.makeConnectionID()
        self.remoteAddress = remote.description
        self.isRefusal = refusing
        self.parser = HTTPRequestParser(limits: loop.core.limits)
    }

    var logger: Logger { loop.core.logger }

    func start() {
        if isRefusal {
            refuse(HTTPParseError(.serviceUnavailable, "too many connections (limit \(loop.core.limits.maxConnections)); try again later"))
            flush()
            closeIfDone()
            updateDeadline()
            return
        }
        if let context = loop.core.tls {
            do {
                transport = .tls(try TLSSession(context: context, fd: fd))
                handshakeDone = false
            } catch {
                logger.warning("TLS session setup failed", [("connection", "\(id)"), ("error", "\(error)")])
                close()
                return
            }
        }
        deadlineKind = .header
        loop.armDeadline(self, at: loop.now &+ loop.core.limits.headerTimeout.nanoseconds)
    }

    func handleEvents(_ mask: UInt32) {
        if mask & (Selector.readable | Selector.readHangup | Selector.hangup | Selector.error) != 0 {
            // A pending FIN raises no further edge: read on to the end of stream.
            onReadable(peerHungUp: mask & (Selector.readHangup | Selector.hangup | Selector.error) != 0)
        }
        if phase != .closed && mask & Selector.writable != 0 {
            onWritable()
        }
    }

    func onReadable(peerHungUp: Bool = false) {
        switch phase {
        case .closed: return
        case .lingering:
            discardInput()
            return
        case .open, .closeAfterFlush:
            break
        }
        if !handshakeDone {
            continueHandshake()
            guard handshakeDone, phase == .open else { return }
        }
        readInput(untilEnd: peerHungUp)
    }

    func onWritable() {
        if !handshakeDone {
            continueHandshake()
            guard handshakeDone, phase == .open else { return }
            readInput()
            return
        }
        guard phase == .open || phase == .closeAfterFlush else { return }
        if !output.isEmpty {
            flush()
            if output.isEmpty { resume() }
        } else if transport.isSecure && phase == .open {
            // OpenSSL may have wanted to write while reading (a TLS 1.3 key update).
            readInput()
        }
    }

    private func continueHandshake() {
        guard case .tls(let session) = transport else {
            handshakeDone = true
            return
        }
        switch session.handshake() {
        case .complete:
            handshakeDone = true
        case .wantRead, .wantWrite:
            return
        case .failed(let error):
            logger.debug("TLS handshake failed", [("connection", "\(id)"), ("remote", remoteAddress), ("error", "\(error)")])
            close()
        }
    }

    /// Answers what can be answered, then flushes and re-arms the deadline. Used after a
    /// delayed response is sent, a stream ends, or output drained below the high-water mark.
    func resume() {
        guard phase != .closed else { return }
        pump()
        if inputPaused && phase == .open && !busy && output.pendingBytes < Self.outputHighWater {
            inputPaused = false
            readInput()
            return
        }
        closeIfDone()
        updateDeadline()
    }

    /// Closes once nothing is left to do: after a `Connection: close` answer is flushed, when
    /// the peer has stopped sending and everything is answered, or when the server drains.
    func closeIfDone() {
        guard output.isEmpty else { return }
        switch phase {
        case .closeAfterFlush:
            startLingering()
        case .open where !busy:
            if peerClosedInput || (loop.draining && !parser.isMidRequest) { close() }
        default:
            break
        }
    }

    /// Server shutdown: idle connections close now; others close after their current answer.
    func drain() {
        guard phase == .open else { return }
        if !busy && !parser.isMidRequest && output.isEmpty { close() }
    }

    func close() {
        guard phase != .closed else { return }
        phase = .closed
        busy = false
        if let writer = stream {
            stream = nil
            writer.markClosed()
        }
        SystemCall.close(fd)
        loop.forget(self)
    }
}
