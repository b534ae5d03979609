import Essentials
import Testing
@testable import HTTPServer

@Suite struct MiddlewareTests {
    func chain(_ cors: CORSMiddleware) -> MiddlewareChain {
        MiddlewareChain([cors], responder: LiveServer.defaultRouter())
    }

    @Test func preflightFromAllowedOriginIs204() throws {
        let responder = chain(CORSMiddleware(allowedOrigins: .list(["https://app.example"]), allowedHeaders: ["Authorization", "Content-Type"]))
        let request = HTTPRequest(method: .options, target: "/mcp", headers: [
            "Origin": "https://app.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization",
        ])
        let response = try responder.respond(to: request, context: RequestContext())
        #expect(response.status == .noContent)
        #expect(response.headers["Access-Control-Allow-Origin"] == "https://app.example")
        #expect(response.headers["Access-Control-Allow-Headers"] == "Authorization, Content-Type")
        #expect(response.headers["Access-Control-Allow-Methods"]?.contains("POST") == true)
        #expect(response.headers["Vary"] == "Origin")
    }

    @Test func simpleRequestsGetOriginAndExposedHeadersEvenOnErrors() throws {
        let responder = chain(CORSMiddleware(exposedHeaders: ["Mcp-Session-Id"]))
        let ok = try responder.respond(to: HTTPRequest(method: .get, target: "/healthz", headers: ["Origin": "http://x"]), context: RequestContext())
        #expect(ok.headers["Access-Control-Allow-Origin"] == "*")
        #expect(ok.headers["Access-Control-Expose-Headers"] == "Mcp-Session-Id")
        let missing = try responder.respond(to: HTTPRequest(method: .get, target: "/missing", headers: ["Origin": "http://x"]), context: RequestContext())
        #expect(missing.status == .notFound)
        #expect(missing.headers["Access-Control-Allow-Origin"] == "*")
    }

    @Test func disallowedOriginsAndNonCORSRequestsPassUntouched() throws {
        let responder = chain(CORSMiddleware(allowedOrigins: .list(["https://good.example"])))
        let bad = try responder.respond(to: HTTPRequest(method: .get, target: "/healthz", headers: ["Origin": "https://evil.example"]), context: RequestContext())
        #expect(bad.headers["Access-Control-Allow-Origin"] == nil)
        let plain = try responder.respond(to: HTTPRequest(method: .get, target: "/healthz"), context: RequestContext())
        #expect(plain.headers["Access-Control-Allow-Origin"] == nil)
    }

    @Test func requestLoggingRecordsPathWithoutQuery() throws {
        let sink = MemoryLogSink()
        let responder = MiddlewareChain([RequestLoggingMiddleware(logger: Logger(category: "http", sink: sink))], responder: LiveServer.defaultRouter())
        _ = try responder.respond(to: HTTPRequest(method: .get, target: "/healthz?code=secret"), context: RequestContext(connectionID: 9))
        _ = try responder.respond(to: HTTPRequest(method: .get, target: "/boom"), context: RequestContext())
        let records = sink.records
        #expect(records.count == 2)
        #expect(records.first?.message == "GET /healthz 200")
        #expect(!records.contains { $0.message.contains("secret") || $0.fields.contains { $0.1.contains("secret") } })
        #expect(records.first?.fields.contains { $0.0 == "connection" && $0.1 == "9" } == true)
    }
}
