import Essentials
import HTTPServer

/// The `/_mock/*` route group: test controls that are not part of Gong (journal, verdicts, state,
/// reset, snapshot, faults, clock). Every route in it, and every unknown path under `/_mock/`,
/// needs the admin token as `Authorization: Bearer <admin token>` (RFC 6750 §2.1); without it the
/// answer is 401 with `WWW-Authenticate: Bearer realm="gong-mock-admin"` and a JSON body saying
/// where the token comes from. Features add their routes in `GongMockApplication+ControlRoutes.swift`.
public struct MockControlRoutes: Sendable {
    public static let prefix = "/_mock"

    public static let unauthorized = AdminAPIError(
        .unauthorized, "unauthorized",
        "The /_mock control routes need 'Authorization: Bearer <admin token>'; the token is printed at start (and in --ready-file as adminToken) or fixed by the seed's adminToken.")

    private let auth: AdminAuth
    private var routes: [(method: HTTPMethod, pattern: String, responder: any HTTPResponder)] = []

    public init(auth: AdminAuth) { self.auth = auth }

    /// Adds `method /_mock/<path>` (`path` like `journal` or `flows/{id}`) behind the token check.
    public mutating func add(_ method: HTTPMethod, _ path: String,
                             _ handler: @escaping @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse) {
        let trimmed = path.hasPrefix("/") ? String(path.dropFirst()) : path
        let auth = self.auth
        routes.append((method, Self.prefix + "/" + trimmed, ClosureResponder { request, context in
            guard auth.authorizesAPI(request) else { throw Self.unauthorized }
            return try handler(request, context)
        }))
    }

    public mutating func get(_ path: String, _ handler: @escaping @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse) { add(.get, path, handler) }
    public mutating func post(_ path: String, _ handler: @escaping @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse) { add(.post, path, handler) }
    public mutating func put(_ path: String, _ handler: @escaping @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse) { add(.put, path, handler) }
    public mutating func delete(_ path: String, _ handler: @escaping @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse) { add(.delete, path, handler) }

    /// The patterns added so far (`/_mock/journal`), for `--help`-style listings and tests.
    public var patterns: [String] { routes.map(\.pattern) }

    /// Registers every route, then the answers for the rest, each after the token check so a
    /// control path never reveals itself to a caller without the token: an unknown path → 404
    /// naming the routes; a known path with another method → the router's 405 with its `Allow`
    /// header (RFC 9110 §15.5.6), in the controls' JSON error shape.
    public func install(into router: inout Router) {
        for route in routes { router.add(route.method, route.pattern, route.responder) }
        let auth = self.auth
        let known = routes.map { "\($0.method.rawValue) \($0.pattern)" }.joined(separator: ", ")
        router.fallback(under: Self.prefix) { request, _ in
            guard request.path == Self.prefix || request.path.hasPrefix(Self.prefix + "/") else {
                throw HTTPError(.notFound, "Not Found: no route for \(request.path)")
            }
            guard auth.authorizesAPI(request) else { throw Self.unauthorized }
            throw AdminAPIError(.notFound, "not_found",
                                "No control route \(request.method.rawValue) \(request.path); known: \(known.isEmpty ? "none" : known) (README.md, \"Test controls\")")
        }
        router.methodNotAllowed(under: Self.prefix + "/") { request, _, allow in
            guard auth.authorizesAPI(request) else { throw Self.unauthorized }
            var response = AdminAPIError(.methodNotAllowed, "method_not_allowed",
                                         "\(request.path) does not take \(request.method.rawValue); allowed: \(allow)").response()
            response.headers.add("Allow", allow)
            return response
        }
    }
}
