import Testing
@testable import HTTPServer

@Suite struct RouterTests {
    func makeRouter() -> Router {
        var router = Router()
        router.get("/healthz") { _, _ in .text("ok") }
        router.get("/items/{id}") { _, context in .text("item \(context.parameter("id") ?? "?")") }
        router.delete("/items/{id}") { _, _ in HTTPResponse(status: .noContent) }
        router.get("/files/*") { _, context in .text(context.parameter("*") ?? "") }
        return router
    }

    @Test func routesExactAndParameterised() throws {
        let router = makeRouter()
        #expect(try router.respond(to: HTTPRequest(method: .get, target: "/healthz"), context: RequestContext()).status == .ok)
        let item = try router.respond(to: HTTPRequest(method: .get, target: "/items/a%20b?x=1"), context: RequestContext())
        if case .bytes(let bytes) = item.body { #expect(String(decoding: bytes, as: UTF8.self) == "item a b") }
    }

    @Test func unknownPathIs404AndWrongMethodIs405WithAllow() throws {
        let router = makeRouter()
        #expect(try router.respond(to: HTTPRequest(method: .get, target: "/nope"), context: RequestContext()).status == .notFound)
        let response = try router.respond(to: HTTPRequest(method: .post, target: "/items/1"), context: RequestContext())
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "GET, DELETE, HEAD")
    }

    @Test func fallbacksAnswerUnknownPathsUnderTheirPrefixLongestFirst() throws {
        var router = makeRouter()
        router.fallback(under: "/items/") { _, _ in .text("items fallback", status: .notFound) }
        router.fallback(under: "/items/api/") { _, _ in .text("api fallback", status: .notFound) }
        func answer(_ method: HTTPMethod, _ target: String) throws -> (HTTPStatus, String) {
            let response = try router.respond(to: HTTPRequest(method: method, target: target), context: RequestContext())
            guard case .bytes(let bytes) = response.body else { return (response.status, "") }
            return (response.status, String(decoding: bytes, as: UTF8.self))
        }
        #expect(try answer(.get, "/items/1/extra") == (.notFound, "items fallback"))
        #expect(try answer(.post, "/items/1/extra") == (.notFound, "items fallback"))
        #expect(try answer(.get, "/items/api/x") == (.notFound, "api fallback"))
        #expect(try answer(.get, "/elsewhere").1.hasPrefix("Not Found: no route for /elsewhere"))
        // Known paths keep their own answers, 405 included.
        #expect(try answer(.get, "/items/7") == (.ok, "item 7"))
        #expect(try answer(.post, "/items/7").0 == .methodNotAllowed)
    }

    @Test func aMethodFallbackAnswersTheWrongMethodUnderItsPrefixWithTheAllowValue() throws {
        var router = makeRouter()
        router.methodNotAllowed(under: "/items/") { request, _, allow in
            var response = HTTPResponse.text("no \(request.method.rawValue); allow \(allow)", status: .methodNotAllowed)
            response.headers.add("Allow", allow)
            return response
        }
        let wrong = try router.respond(to: HTTPRequest(method: .post, target: "/items/1"), context: RequestContext())
        #expect(wrong.status == .methodNotAllowed)
        #expect(wrong.headers["Allow"] == "GET, DELETE, HEAD")
        if case .bytes(let bytes) = wrong.body { #expect(String(decoding: bytes, as: UTF8.self) == "no POST; allow GET, DELETE, HEAD") }
        // Elsewhere the plain 405; unknown paths stay 404.
        let plain = try router.respond(to: HTTPRequest(method: .post, target: "/healthz"), context: RequestContext())
        #expect(plain.status == .methodNotAllowed && plain.headers["Allow"] == "GET, HEAD")
        #expect(try router.respond(to: HTTPRequest(method: .post, target: "/items/1/x"), context: RequestContext()).status == .notFound)
    }

    @Test func headFallsBackToGet() throws {
        let router = makeRouter()
        #expect(try router.respond(to: HTTPRequest(method: .head, target: "/healthz"), context: RequestContext()).status == .ok)
    }

    @Test func formDecoding() {
        let pairs = URLEncodedForm.parse("a=1&b=x+y&c=%E2%9C%93&d")
        #expect(pairs.map(\.name) == ["a", "b", "c", "d"])
        #expect(pairs.map(\.value) == ["1", "x y", "✓", ""])
    }
}
