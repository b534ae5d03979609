import Essentials

/// Reading, parsing and answering requests in order.
extension HTTPConnection {
    func readInput(untilEnd: Bool = false) {
        guard phase == .open else { return }
        let buffer = loop.readBuffer
        let isTLS = transport.isSecure
        reading: while phase == .open {
            // Body bytes leave the buffer as they are parsed, so a full buffer means answering
            // is blocked (a busy response, or a peer that sends but does not read): stop reading.
            if parser.bufferedByteCount >= Self.inputHighWater {
                inputPaused = true
                break
            }
            switch transport.read(fd, into: buffer) {
            case .bytes(let count):
                parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                processInput()
                // A short read means the socket is drained; with edge triggering the next
                // arrival raises a new event. OpenSSL may hold decrypted bytes, so TLS reads on.
                if count < buffer.count && !isTLS && !untilEnd { break reading }
            case .wouldBlock:
                break reading
            case .endOfStream:
                peerClosedInput = true
                break reading
            case .failed(let reason):
                logger.debug("read failed", [("connection", "\(id)"), ("error", reason)])
                close()
                return
            }
        }
        guard phase != .closed else { return }
        if peerClosedInput && stream != nil {
            // The stream's reader went away: end it now (SSE notices the peer closing).
            close()
            return
        }
        pump()
        closeIfDone()
        updateDeadline()
    }

    /// Answers and writes until the parser has nothing complete, a response is busy, or the
    /// socket stops taking bytes (then EPOLLOUT resumes). Without the loop, answers held back
    /// by the output high-water mark would wait for a writable edge that never comes when the
    /// socket took everything at once.
    func pump() {
        repeat {
            processInput()
            flush()
        } while phase == .open && !busy && stoppedForOutput && output.isEmpty
    }

    /// Takes complete requests from the parser and answers them, in order, until a response
    /// is delayed or streaming, the connection is closing, or too much output is waiting.
    func processInput() {
        guard !processing else { return }
        processing = true
        defer { processing = false }
        stoppedForOutput = false
        while phase == .open && !busy {
            if output.pendingBytes >= Self.outputHighWater {
                stoppedForOutput = true
                return
            }
            let event: HTTPParserEvent?
            do {
                event = try parser.next()
            } catch {
                refuse(error)
                return
            }
            guard let event else { return }
            switch event {
            case .continueRequested:
                output.withTail { HTTPResponseEncoder.writeContinue(into: &$0) }
            case .request(let request):
                respond(to: request)
            }
        }
    }

    /// Answers a request the parser refused, then closes (RFC 9112 §2.2, NIO's
    /// `HTTPServerProtocolErrorHandler`).
    func refuse(_ error: HTTPParseError) {
        logger.debug("request refused", [("connection", "\(id)"), ("remote", remoteAddress), ("status", "\(error.status.code)"), ("reason", error.reason)])
        send(HTTPError(error.status, error.reason).response(), method: .get, version: .http1_1, keepAlive: false)
        loop.core.observer?.serverRefused(HTTPRefusal(requestID: RequestOutcome.nextRequestID(), status: error.status, reason: error.reason,
                                                      remoteAddress: remoteAddress, connectionID: id, isSecure: transport.isSecure))
    }

    private func respond(to request: HTTPRequest) {
        let context = RequestContext(remoteAddress: remoteAddress, isSecure: transport.isSecure, connectionID: id)
        var response: HTTPResponse
        do {
            response = try loop.core.responder.respond(to: request, context: context)
        } catch let error as any HTTPResponseError {
            response = error.response()
        } catch {
            logger.error("handler failed", [("method", request.method.rawValue), ("path", request.path), ("error", "\(error)")])
            response = .text("Internal Server Error\n", status: .internalServerError)
        }
        let keepAlive = request.keepAlive && !loop.draining
        let method = request.method
        let version = request.version
        if let delay = response.delay, delay > .zero {
            busy = true
            response.delay = nil
            let delayed = response
            loop.schedule(after: delay) { [self] in
                guard phase == .open else { return }
                busy = false
                if delayed.abortsConnection { return abort() }
                send(delayed, method: method, version: version, keepAlive: keepAlive && !loop.draining)
                resume()
            }
            return
        }
        if response.abortsConnection { return abort() }
        send(response, method: method, version: version, keepAlive: keepAlive)
    }

    /// Drops the connection without a response (`HTTPResponse.abort()`, the drop-connection fault):
    /// what the client sees when a server or proxy dies mid-request.
    private func abort() {
        logger.debug("connection dropped by the responder", [("connection", "\(id)"), ("remote", remoteAddress)])
        close()
    }

    /// Encodes a response (automatic framing) into the output queue. Streams start here.
    func send(_ response: HTTPResponse, method: HTTPMethod, version: HTTPVersion, keepAlive requestedKeepAlive: Bool) {
        var keepAlive = requestedKeepAlive
        if keepAlive && Self.asksToClose(response.headers) { keepAlive = false }
        let status = response.status
        let headOnly = method == .head
        let date = loop.dateCache.current(clock: loop.core.configuration.clock)
        switch response.body {
        case .bytes(let body):
            let framing: HTTPResponseEncoder.Framing = status.forbidsBody ? .none : .length(body.count)
            output.withTail {
                HTTPResponseEncoder.writeHead(into: &$0, status: status, headers: response.headers, framing: framing,
                                              keepAlive: keepAlive, requestVersion: version, date: date)
            }
            if !headOnly && !status.forbidsBody { output.append(body: body) }
        case .stream(let producer):
            let chunked = version == .http1_1
            if headOnly || status.forbidsBody {
                let framing: HTTPResponseEncoder.Framing = status.forbidsBody ? .none : (chunked ? .chunked : .closeDelimited)
                output.withTail {
                    HTTPResponseEncoder.writeHead(into: &$0, status: status, headers: response.headers, framing: framing,
                                                  keepAlive: keepAlive, requestVersion: version, date: date)
                }
            } else {
                // HTTP/1.0 has no chunked coding: the body ends when the connection closes.
                if !chunked { keepAlive = false }
                output.withTail {
                    HTTPResponseEncoder.writeHead(into: &$0, status: status, headers: response.headers,
                                                  framing: chunked ? .chunked : .closeDelimited,
                                                  keepAlive: keepAlive, requestVersion: version, date: date)
                }
                busy = true
                streamChunked = chunked
                streamKeepAlive = keepAlive
                let writer = ConnectionStreamWriter(loop: loop, connection: self)
                stream = writer
                flush()
                producer.start(writer)
                return
            }
        }
        if !keepAlive { phase = .closeAfterFlush }
    }

    /// True when a handler set `Connection: close` (the encoder drops the field itself).
    static func asksToClose(_ headers: HTTPHeaders) -> Bool {
        for field in headers.fields where HTTPHeaders.equalsIgnoringCase(field.name, "Connection") {
            for token in field.value.split(separator: ",") where HTTPHeaders.equalsIgnoringCase(token.trimmingHTTPWhitespace(), "close") {
                return true
            }
        }
        return false
    }
}
