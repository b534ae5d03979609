/// Routes by method and path pattern. Patterns are literal segments and `{name}` parameters
/// (`/admin/api/integrations/{id}/credentials`); a trailing `*` segment matches the rest.
///
/// Built once, then frozen into an immutable `Sendable` value. Unknown path → 404; known path,
/// other method → 405 with `Allow` (RFC 9110 §15.5.6). HEAD falls back to the GET route (the
/// encoder drops the body). Thrown `HTTPResponseError`s render themselves. The matched pattern
/// goes into the context's `outcome`, which is bound as `RequestOutcome.current` while the route runs.
public struct Router: HTTPResponder {
    struct Route: Sendable {
        let method: HTTPMethod
        let pattern: String
        let segments: [Segment]
        let responder: any HTTPResponder
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
        case rest
    }

    private var routes: [Route] = []
    /// Exact-path routes without parameters, for an O(1) hot path.
    private var exact: [String: [Route]] = [:]
    /// Responders for unknown paths under a prefix (longest prefix first), e.g. a 404 page in a
    /// section's layout; other unknown paths get the plain 404.
    private var fallbacks: [(prefix: String, responder: any HTTPResponder)] = []
    /// Answers for a known path under a prefix asked with another method (longest prefix first),
    /// given the `Allow` value; other paths get the plain 405.
    private var methodFallbacks: [(prefix: String, answer: @Sendable (HTTPRequest, RequestContext, String) throws -> HTTPResponse)] = []
    /// Called for errors that do not render themselves; returns the 500 to send.
    public var onUnexpectedError: @Sendable (any Error, HTTPRequest) -> HTTPResponse = { _, _ in
        .text("Internal Server Error\n", status: .internalServerError)
    }

    public init() {}

    public mutating func add(_ method: HTTPMethod, _ pattern: String, _ responder: any HTTPResponder) {
        let segments = Router.split(pattern).map { piece -> Segment in
            if piece == "*" { return .rest }
            if piece.hasPrefix("{"), piece.hasSuffix("}") { return .parameter(String(piece.dropFirst().dropLast())) }
            return .literal(piece)
        }
        let route = Route(method: method, pattern: pattern, segments: segments, responder: responder)
        if segments.allSatisfy({ if case .literal = $0 { return true } else { return false } }) {
            exact[pattern, default: []].append(route)
        } else {
            routes.append(route)
        }
    }

    /// Every route's method and pattern, sorted by pattern then method: what tests walk to check
    /// a rule on the whole surface (e.g. that every 401 carries a challenge).
    public var routeTable: [(method: HTTPMethod, pattern: String)] {
        (exact.values.flatMap { $0 } + routes).map { ($0.method, $0.pattern) }
            .sorted { $0.pattern == $1.pattern ? $0.method.rawValue < $1.method.rawValue : $0.pattern < $1.pattern }
    }

    public mutating func add(_ method: HTTPMethod, _ pattern: String, _ body: @escaping @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse) {
        add(method, pattern, ClosureResponder(body))
    }

    public mutating func get(_ pattern: String, _ body: @escaping @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse) { add(.get, pattern, body) }
    public mutating func post(_ pattern: String, _ body: @escaping @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse) { add(.post, pattern, body) }
    public mutating func put(_ pattern: String, _ body: @escaping @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse) { add(.put, pattern, body) }
    public mutating func patch(_ pattern: String, _ body: @escaping @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse) { add(.patch, pattern, body) }
    public mutating func delete(_ pattern: String, _ body: @escaping @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse) { add(.delete, pattern, body) }

    /// Answers every method on a path under `prefix` that no route matches (instead of the plain
    /// 404). Known paths keep their 405 for other methods.
    public mutating func fallback(under prefix: String, _ body: @escaping @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse) {
        fallbacks.append((prefix, ClosureResponder(body)))
        fallbacks.sort { $0.prefix.count > $1.prefix.count }
    }

    /// Answers a known path under `prefix` asked with a method none of its routes takes, instead
    /// of the plain 405 (e.g. a section's error shape, or an auth check first). `body` gets the
    /// `Allow` value the router computed and must send it (RFC 9110 §15.5.6).
    public mutating func methodNotAllowed(under prefix: String,
                                          _ body: @escaping @Sendable (HTTPRequest, RequestContext, _ allow: String) throws -> HTTPResponse) {
        methodFallbacks.append((prefix, body))
        methodFallbacks.sort { $0.prefix.count > $1.prefix.count }
    }

    public func respond(to request: HTTPRequest, context: RequestContext) throws -> HTTPResponse {
        do {
            return try route(request, context: context)
        } catch let error as any HTTPResponseError {
            return error.response()
        } catch {
            return onUnexpectedError(error, request)
        }
    }

    private func route(_ request: HTTPRequest, context: RequestContext) throws -> HTTPResponse {
        let path = request.path
        var candidates: [(Route, [String: String])] = []
        if let matches = exact[path] {
            candidates = matches.map { ($0, [:]) }
        } else {
            let pieces = Router.split(path)
            for route in routes {
                if let parameters = Router.match(route.segments, pieces) { candidates.append((route, parameters)) }
            }
        }
        guard !candidates.isEmpty else {
            if let fallback = fallbacks.first(where: { path.hasPrefix($0.prefix) }) {
                return try fallback.responder.respond(to: request, context: context)
            }
            throw HTTPError(.notFound, "Not Found: no route for \(path)")
        }
        let wanted = request.method
        let chosen = candidates.first(where: { $0.0.method == wanted })
            ?? (wanted == .head ? candidates.first(where: { $0.0.method == .get }) : nil)
        guard let (route, parameters) = chosen else {
            var allowed = candidates.map(\.0.method.rawValue)
            if allowed.contains("GET"), !allowed.contains("HEAD") { allowed.append("HEAD") }
            var seen = Set<String>()
            let allow = allowed.filter { seen.insert($0).inserted }.joined(separator: ", ")
            if let fallback = methodFallbacks.first(where: { path.hasPrefix($0.prefix) }) {
                return try fallback.answer(request, context, allow)
            }
            throw HTTPError(.methodNotAllowed, "Method Not Allowed: \(wanted.rawValue) is not supported on \(path); allowed: \(allow)", headers: ["Allow": allow])
        }
        var context = context
        context.pathParameters = parameters
        context.outcome.route = route.pattern
        let responder = route.responder
        return try RequestOutcome.$current.withValue(context.outcome) { try responder.respond(to: request, context: context) }
    }

    static func split(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    static func match(_ segments: [Segment], _ pieces: [String]) -> [String: String]? {
        var parameters: [String: String] = [:]
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .rest:
                parameters["*"] = pieces[index...].joined(separator: "/")
                return parameters
            case .literal(let literal):
                guard index < pieces.count, pieces[index] == literal else { return nil }
            case .parameter(let name):
                guard index < pieces.count, let decoded = URLEncodedForm.percentDecode(pieces[index], plusAsSpace: false) else { return nil }
                parameters[name] = decoded
            }
        }
        return pieces.count == segments.count ? parameters : nil
    }
}
