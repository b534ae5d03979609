import Essentials
import Testing
@testable import HTTPServer

/// `--trust-proxy`: the proxy's X-Forwarded-* replace scheme, Host and client address; nothing
/// else changes, and malformed values are refused with the header's name.
@Suite struct ForwardedHeadersMiddlewareTests {
    /// Echoes what the handler saw: `secure host remote`.
    static let echo = ClosureResponder { request, context in
        .text("\(context.isSecure) \(request.headers["Host"] ?? "-") \(context.remoteAddress)")
    }

    func seen(_ headers: HTTPHeaders, trusting: Bool) throws -> (HTTPStatus, String) {
        let responder: any HTTPResponder = trusting ? MiddlewareChain([ForwardedHeadersMiddleware()], responder: Self.echo) : Self.echo
        let request = HTTPRequest(method: .get, target: "/", headers: headers)
        let response = try responder.respond(to: request, context: RequestContext(remoteAddress: "127.0.0.1:5000"))
        guard case .bytes(let bytes) = response.body else { return (response.status, "") }
        return (response.status, String(decoding: bytes, as: UTF8.self))
    }

    static let forwarded: HTTPHeaders = ["Host": "127.0.0.1:7777", "X-Forwarded-Proto": "https",
                                         "X-Forwarded-Host": "mock.example.test, edge.internal", "X-Forwarded-For": "203.0.113.7, 10.0.0.2"]

    @Test func honouredWhenTrusted() throws {
        let (status, text) = try seen(Self.forwarded, trusting: true)
        #expect(status == .ok)
        #expect(text == "true mock.example.test 203.0.113.7 via 127.0.0.1:5000")
    }

    @Test func ignoredWithoutTheMiddleware() throws {
        let (_, text) = try seen(Self.forwarded, trusting: false)
        #expect(text == "false 127.0.0.1:7777 127.0.0.1:5000")
    }

    @Test func absentHeadersChangeNothing() throws {
        let (_, text) = try seen(["Host": "127.0.0.1:7777"], trusting: true)
        #expect(text == "false 127.0.0.1:7777 127.0.0.1:5000")
        let (_, plain) = try seen(["Host": "127.0.0.1:7777", "X-Forwarded-Proto": "HTTP", "X-Forwarded-Host": "[::1]:8443"], trusting: true)
        #expect(plain == "false [::1]:8443 127.0.0.1:5000")
    }

    @Test(arguments: [
        ("X-Forwarded-Proto", "gopher", "X-Forwarded-Proto must be http or https"),
        ("X-Forwarded-Host", "evil.example/path", "X-Forwarded-Host must be host or host:port"),
        ("X-Forwarded-Host", "a b", "X-Forwarded-Host must be host or host:port"),
        ("X-Forwarded-Host", "host:99999999", "X-Forwarded-Host must be host or host:port"),
        ("X-Forwarded-Host", "[::1", "X-Forwarded-Host must be host or host:port"),
        ("X-Forwarded-For", "<script>", "X-Forwarded-For must list IP addresses"),
    ])
    func malformedValuesAreA400NamingTheHeader(name: String, value: String, message: String) throws {
        let (status, text) = try seen(["Host": "127.0.0.1:7777", name: value], trusting: true)
        #expect(status == .badRequest)
        #expect(text.contains(message))
        #expect(text.contains("--trust-proxy"))
    }
}
