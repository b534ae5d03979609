import Synchronization
import Testing
@testable import HTTPServer

/// Hands the stream writer of a live SSE response to the test thread.
final class StreamProbe: Sendable {
    let started = Signal()
    let closed = Signal()
    private let writer = Mutex<(any HTTPStreamWriter)?>(nil)

    var current: (any HTTPStreamWriter)? { writer.withLock { $0 } }

    func router() -> Router {
        var router = LiveServer.defaultRouter()
        router.get("/events") { [self] _, _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "text/event-stream", "Cache-Control": "no-cache"],
                         body: .stream(HTTPStreamProducer { writer in
                             writer.onClose { self.closed.fire() }
                             self.writer.withLock { $0 = writer }
                             self.started.fire()
                         }))
        }
        router.get("/ticks") { _, _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "text/event-stream"], body: .stream(HTTPStreamProducer { writer in
                // Keep-alive comments from the loop, then the end.
                writer.schedule(after: .milliseconds(10)) {
                    writer.send(.comment("keep-alive"))
                    writer.schedule(after: .milliseconds(10)) {
                        writer.send(SSEEvent(data: "done", event: "end"))
                        writer.finish()
                    }
                }
            }))
        }
        return router
    }
}

@Suite struct LiveStreamTests {
    @Test func eventsArriveAsWrittenAndFinishKeepsTheConnection() throws {
        let probe = StreamProbe()
        try LiveServer.with(responder: probe.router()) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try client.readHead()
            #expect(head.status == 200)
            #expect(head.header("Transfer-Encoding") == "chunked")
            #expect(head.header("Content-Type") == "text/event-stream")
            #expect(probe.started.wait())
            let writer = try #require(probe.current)

            #expect(writer.send(SSEEvent(data: "first", id: "1")))
            #expect(try client.readChunk().map { String(decoding: $0, as: UTF8.self) } == "id: 1\ndata: first\n\n")
            #expect(writer.send(SSEEvent(data: "line one\nline two", event: "multi")))
            #expect(try client.readChunk().map { String(decoding: $0, as: UTF8.self) } == "event: multi\ndata: line one\ndata: line two\n\n")

            writer.finish()
            #expect(try client.readChunk() == nil, "terminal chunk")
            #expect(probe.closed.wait(), "onClose runs on finish")
            #expect(!writer.isOpen)
            #expect(!writer.write(Array("late".utf8)))

            try client.send("GET /echo/reused HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "reused")
        }
    }

    @Test func peerCloseIsNoticed() throws {
        let probe = StreamProbe()
        try LiveServer.with(responder: probe.router()) { _, port in
            var client: TestClient? = try TestClient(port: port)
            try client?.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try client?.readHead()
            #expect(probe.started.wait())
            client = nil
            #expect(probe.closed.wait(), "onClose runs when the peer goes away")
            #expect(probe.current?.isOpen == false)
            #expect(probe.current?.write([1]) == false)
        }
    }

    @Test func scheduledWorkRunsOnTheLoop() throws {
        let probe = StreamProbe()
        try LiveServer.with(responder: probe.router()) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /ticks HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.text == ": keep-alive\n\nevent: end\ndata: done\n\n")
        }
    }

    @Test func http10StreamIsCloseDelimited() throws {
        let probe = StreamProbe()
        try LiveServer.with(responder: probe.router()) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /ticks HTTP/1.0\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.header("Transfer-Encoding") == nil)
            #expect(response.header("Connection") == "close")
            #expect(response.text.hasSuffix("data: done\n\n"))
        }
    }

    @Test func shutdownClosesOpenStreams() throws {
        let probe = StreamProbe()
        let server = HTTPServer(configuration: HTTPServerConfiguration(port: 0, threads: 1), responder: probe.router(), logger: .init(category: "t"))
        try server.start()
        let client = try TestClient(port: server.boundPort)
        try client.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = try client.readHead()
        #expect(probe.started.wait())
        server.shutdown(gracePeriod: .milliseconds(100))
        server.waitUntilStopped()
        #expect(probe.closed.wait(seconds: 1))
    }
}

@Suite struct SSEEventTests {
    @Test func formatsFieldsAndSplitsData() {
        #expect(SSEEvent(data: "a\r\nb\rc\nd", event: "e", id: "7", retry: 1500).text == "id: 7\nevent: e\nretry: 1500\ndata: a\ndata: b\ndata: c\ndata: d\n\n")
        #expect(SSEEvent(data: "").text == "data:\n\n")
        #expect(SSEEvent.comment("ping").text == ": ping\n\n")
        #expect(SSEEvent(data: "x", event: "bad\nname").text == "event: bad\ndata: x\n\n")
    }
}
