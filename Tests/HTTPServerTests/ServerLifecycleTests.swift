import Essentials
import Testing
@testable import HTTPServer

@Suite struct ServerLifecycleTests {
    @Test func busyPortIsAClearError() throws {
        try LiveServer.with { _, port in
            let second = HTTPServer(configuration: HTTPServerConfiguration(port: port), responder: Router(), logger: Logger(category: "t"))
            #expect(throws: HTTPServerError.addressInUse(host: "127.0.0.1", port: port)) { try second.start() }
            let message = HTTPServerError.addressInUse(host: "127.0.0.1", port: port).description
            #expect(message.contains("127.0.0.1:\(port)") && message.contains("already in use"))
        }
    }

    @Test func unknownHostIsAClearError() {
        let server = HTTPServer(configuration: HTTPServerConfiguration(host: "no such host.invalid", port: 0), responder: Router(), logger: Logger(category: "t"))
        #expect(throws: HTTPServerError.self) { try server.start() }
    }

    @Test func gracefulShutdownFinishesInFlightRequests() throws {
        let server = HTTPServer(configuration: HTTPServerConfiguration(port: 0, threads: 1), responder: LiveServer.defaultRouter(), logger: Logger(category: "t"))
        try server.start()
        let port = server.boundPort
        let busy = try TestClient(port: port)
        let idle = try TestClient(port: port)
        try idle.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try idle.readResponse().status == 200)
        try busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        // The loop reads the request before the drain task runs: both arrive in order on one loop.
        try idle.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try idle.readResponse().status == 200)
        server.shutdown(gracePeriod: .seconds(5))
        let answer = try busy.readResponse()
        #expect(answer.text == "slow")
        #expect(answer.header("Connection") == "close")
        #expect(try busy.isClosedByPeer())
        #expect(try idle.isClosedByPeer())
        server.waitUntilStopped()
        #expect(throws: TestClientError.self) { try TestClient(port: port) }
    }

    @Test func cannotStartTwice() throws {
        try LiveServer.with { server, _ in
            #expect(throws: HTTPServerError.self) { try server.start() }
        }
    }
}
