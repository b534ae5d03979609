/// Writing, streaming, lingering close and deadlines.
extension HTTPConnection {
    /// Writes as much pending output as the socket takes; the rest waits for EPOLLOUT.
    func flush() {
        guard phase == .open || phase == .closeAfterFlush, handshakeDone else { return }
        while !output.isEmpty {
            switch transport.write(fd, output) {
            case .wrote(let count):
                output.consume(count)
            case .wouldBlock:
                return
            case .failed(let reason):
                logger.debug("write failed", [("connection", "\(id)"), ("error", reason)])
                close()
                return
            }
        }
    }

    // MARK: Streams (called on the loop by ConnectionStreamWriter)

    func streamAppend(_ bytes: [UInt8]) {
        guard phase == .open, stream != nil, !bytes.isEmpty else { return }
        if streamChunked {
            output.withTail { HTTPResponseEncoder.writeChunk(into: &$0, bytes) }
        } else {
            output.append(body: bytes)
        }
        if output.pendingBytes > Self.streamOutputLimit {
            logger.warning("stream reader is not reading; closing", [("connection", "\(id)"), ("remote", remoteAddress)])
            close()
        }
    }

    func streamFinish() {
        guard phase == .open, let writer = stream else { return }
        if streamChunked { output.withTail { HTTPResponseEncoder.writeLastChunk(into: &$0) } }
        stream = nil
        busy = false
        if !streamKeepAlive { phase = .closeAfterFlush }
        writer.markClosed()
        resume()
    }

    // MARK: Closing

    /// After a `Connection: close` answer: stop sending, then read and discard until the peer
    /// closes or the linger time ends, so unread request bytes do not turn into a reset that
    /// destroys the answer on its way.
    func startLingering() {
        guard phase == .closeAfterFlush else { return }
        phase = .lingering
        if case .tls(let session) = transport { session.shutdown() }
        SystemCall.shutdownWrite(fd)
        deadlineKind = .linger
        let lingerDeadline = loop.now &+ Self.lingerTimeout.nanoseconds
        deadline = lingerDeadline
        loop.armDeadline(self, at: lingerDeadline)
        discardInput()
    }

    func discardInput() {
        let buffer = loop.readBuffer
        for _ in 0..<16 {
            switch transport.read(fd, into: buffer) {
            case .bytes:
                continue
            case .wouldBlock:
                return
            case .endOfStream, .failed:
                close()
                return
            }
        }
    }

    // MARK: Deadlines

    /// Header timeout from the first byte of a request (or from connecting, which covers the
    /// TLS handshake); idle timeout between requests and while a body or an answer is moving.
    func updateDeadline() {
        let limits = loop.core.limits
        switch phase {
        case .closed, .lingering:
            return
        case .closeAfterFlush:
            deadlineKind = .idle
            loop.armDeadline(self, at: loop.now &+ limits.idleTimeout.nanoseconds)
        case .open:
            if busy {
                deadlineKind = .none
                deadline = 0
            } else if !handshakeDone || (parser.isMidRequest && !parser.isReadingBody) {
                if deadlineKind != .header {
                    deadlineKind = .header
                    loop.armDeadline(self, at: loop.now &+ limits.headerTimeout.nanoseconds)
                }
            } else {
                deadlineKind = .idle
                loop.armDeadline(self, at: loop.now &+ limits.idleTimeout.nanoseconds)
            }
        }
    }

    func checkDeadline(now: UInt64) {
        guard phase != .closed, deadlineKind != .none, deadline != 0 else { return }
        if deadline > now {
            loop.armDeadline(self, at: deadline)
            return
        }
        switch deadlineKind {
        case .none:
            return
        case .linger:
            close()
        case .header, .idle:
            if phase == .open, handshakeDone, !busy, parser.isMidRequest {
                let limits = loop.core.limits
                let reason = parser.isReadingBody
                    ? "request body not received within \(limits.idleTimeout)"
                    : "request headers not received within \(limits.headerTimeout)"
                refuse(HTTPParseError(.requestTimeout, reason))
                flush()
                closeIfDone()
                if phase == .closeAfterFlush {
                    deadlineKind = .linger
                    let lingerDeadline = now &+ Self.lingerTimeout.nanoseconds
                    deadline = lingerDeadline
                    loop.armDeadline(self, at: lingerDeadline)
                }
            } else {
                close()
            }
        }
    }
}
