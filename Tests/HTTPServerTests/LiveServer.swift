import Dispatch
import Essentials
@testable import HTTPServer

/// Runs a real server on an ephemeral loopback port for the duration of a test.
enum LiveServer {
    @discardableResult
    static func with<Result>(
        limits: HTTPLimits = .default,
        host: String = "127.0.0.1",
        threads: Int = 2,
        tls: TLSConfiguration? = nil,
        responder: any HTTPResponder = LiveServer.defaultRouter(),
        _ body: (HTTPServer, Int) throws -> Result
    ) throws -> Result {
        let configuration = HTTPServerConfiguration(host: host, port: 0, threads: threads, limits: limits, tls: tls)
        let server = HTTPServer(configuration: configuration, responder: responder, logger: Logger(category: "test"))
        try server.start()
        defer {
            server.shutdown(gracePeriod: .seconds(1))
            server.waitUntilStopped()
        }
        return try body(server, server.boundPort)
    }

    static func defaultRouter() -> Router {
        var router = Router()
        router.get("/healthz") { _, _ in .json(Array(#"{"status":"ok"}"#.utf8)) }
        router.get("/echo/{word}") { _, context in .text(context.parameter("word") ?? "") }
        router.post("/echo") { request, _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "application/octet-stream"], body: .bytes(request.body))
        }
        router.get("/context") { _, context in .text("\(context.remoteAddress) secure=\(context.isSecure) id=\(context.connectionID)") }
        router.get("/slow") { _, _ in HTTPResponse(status: .ok, headers: [:], body: .bytes(Array("slow".utf8)), delay: .milliseconds(200)) }
        router.get("/empty") { _, _ in HTTPResponse(status: .noContent) }
        router.get("/boom") { _, _ in throw SomeFailure() }
        router.get("/teapot") { _, _ in throw HTTPError(HTTPStatus(code: 418, reasonPhrase: "I'm a teapot"), "short and stout") }
        router.get("/big") { _, _ in .text(String(repeating: "x", count: 100_000)) }
        return router
    }

    struct SomeFailure: Error {}
}

/// A one-shot signal with a deadline, for waiting on events a server thread produces.
final class Signal: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    func fire() { semaphore.signal() }
    /// True when fired before the deadline.
    func wait(seconds: Double = 5) -> Bool { semaphore.wait(timeout: .now() + seconds) == .success }
}
