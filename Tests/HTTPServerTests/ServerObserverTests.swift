import Essentials
import Synchronization
import Testing
@testable import HTTPServer

/// The seams of DESIGN.md "request identity and outcome": refusals below the responder reach the
/// observer, and what the router records in the shared outcome box is visible after `next`.
@Suite struct ServerObserverTests {
    final class Collector: HTTPServerObserver {
        let refusals = Mutex<[HTTPRefusal]>([])
        func serverRefused(_ refusal: HTTPRefusal) { refusals.withLock { $0.append(refusal) } }
    }

    @Test func parseErrorReachesTheObserverWithAnID() throws {
        let collector = Collector()
        let configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0, threads: 1)
        let server = HTTPServer(configuration: configuration, responder: LiveServer.defaultRouter(), logger: Logger(category: "test"),
                                observer: collector)
        try server.start()
        defer {
            server.shutdown(gracePeriod: .seconds(1))
            server.waitUntilStopped()
        }
        let client = try TestClient(port: server.boundPort)
        try client.send("NOT HTTP AT ALL\r\n\r\n")
        #expect(try client.readResponse().status == 400)
        let refusals = collector.refusals.withLock { $0 }
        #expect(refusals.count == 1)
        #expect(refusals.first?.status.code == 400)
        #expect(refusals.first?.requestID ?? 0 > 0)
        #expect(refusals.first?.remoteAddress.hasPrefix("127.0.0.1:") == true)
        #expect(refusals.first?.reason.isEmpty == false)
    }

    struct Note: RequestOutcomeKey { typealias Value = String }

    /// Reads the outcome box after the inner responder returned.
    final class Probe: HTTPMiddleware {
        let seen = Mutex<[String]>([])
        func handle(_ request: HTTPRequest, context: RequestContext, next: any HTTPResponder) throws -> HTTPResponse {
            let response = try next.respond(to: request, context: context)
            seen.withLock { $0.append("\(context.outcome.route ?? "-") \(context.outcome[Note.self] ?? "-")") }
            return response
        }
    }

    @Test func routeAndLayerValuesAreVisibleAfterNext() throws {
        var router = Router()
        router.get("/items/{id}") { _, context in
            RequestOutcome.current?[Note.self] = "bound"
            #expect(RequestOutcome.current === context.outcome)
            return .text("ok")
        }
        let probe = Probe()
        let chain = MiddlewareChain([probe], responder: router)
        let first = RequestContext()
        let second = RequestContext()
        #expect(second.requestID > first.requestID)
        _ = try chain.respond(to: HTTPRequest(method: .get, target: "/items/7"), context: first)
        _ = try chain.respond(to: HTTPRequest(method: .get, target: "/nowhere"), context: second)
        #expect(probe.seen.withLock { $0 } == ["/items/{id} bound", "- -"])
        #expect(RequestOutcome.current == nil)
    }
}
