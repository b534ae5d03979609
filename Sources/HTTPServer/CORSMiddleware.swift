/// Cross-Origin Resource Sharing for browser clients (Fetch Standard §3.2 "CORS protocol").
///
/// A request without `Origin`, or from an origin not allowed, passes through untouched (the
/// browser then blocks it). A preflight (`OPTIONS` with `Access-Control-Request-Method`) from
/// an allowed origin is answered here with 204. Other responses, error responses included,
/// get `Access-Control-Allow-Origin`, the exposed headers and `Vary: Origin`.
public struct CORSMiddleware: HTTPMiddleware {
    public enum AllowedOrigins: Sendable, Equatable {
        /// Every origin (`*`, or the request's origin echoed when credentials are allowed).
        case any
        /// Exactly these origins (`https://app.example.com`), compared case-insensitively.
        case list([String])
    }

    public var allowedOrigins: AllowedOrigins
    public var allowedMethods: [HTTPMethod]
    /// Request headers a preflight may ask for; empty means echo whatever is requested.
    public var allowedHeaders: [String]
    /// Response headers scripts may read (`Mcp-Session-Id`, `WWW-Authenticate`…).
    public var exposedHeaders: [String]
    public var allowCredentials: Bool
    /// How long a browser may cache a preflight answer, in seconds.
    public var maxAge: Int?

    public init(
        allowedOrigins: AllowedOrigins = .any,
        allowedMethods: [HTTPMethod] = [.get, .post, .put, .patch, .delete, .options],
        allowedHeaders: [String] = [],
        exposedHeaders: [String] = [],
        allowCredentials: Bool = false,
        maxAge: Int? = 600
    ) {
        self.allowedOrigins = allowedOrigins
        self.allowedMethods = allowedMethods
        self.allowedHeaders = allowedHeaders
        self.exposedHeaders = exposedHeaders
        self.allowCredentials = allowCredentials
        self.maxAge = maxAge
    }

    public func handle(_ request: HTTPRequest, context: RequestContext, next: any HTTPResponder) throws -> HTTPResponse {
        guard let origin = request.headers["Origin"], isAllowed(origin) else {
            return try next.respond(to: request, context: context)
        }
        if request.method == .options, let requestedMethod = request.headers["Access-Control-Request-Method"] {
            return preflight(origin: origin, requestedMethod: requestedMethod, requestedHeaders: request.headers["Access-Control-Request-Headers"])
        }
        var response: HTTPResponse
        do {
            response = try next.respond(to: request, context: context)
        } catch let error as any HTTPResponseError {
            response = error.response()
        }
        decorate(&response.headers, origin: origin)
        if !exposedHeaders.isEmpty { response.headers.replaceOrAdd("Access-Control-Expose-Headers", exposedHeaders.joined(separator: ", ")) }
        return response
    }

    func isAllowed(_ origin: String) -> Bool {
        switch allowedOrigins {
        case .any: return true
        case .list(let origins): return origins.contains { HTTPHeaders.equalsIgnoringCase($0, origin) }
        }
    }

    private func preflight(origin: String, requestedMethod: String, requestedHeaders: String?) -> HTTPResponse {
        var headers = HTTPHeaders()
        decorate(&headers, origin: origin)
        headers.add("Access-Control-Allow-Methods", allowedMethods.map(\.rawValue).joined(separator: ", "))
        if !allowedHeaders.isEmpty {
            headers.add("Access-Control-Allow-Headers", allowedHeaders.joined(separator: ", "))
        } else if let requestedHeaders, !requestedHeaders.isEmpty {
            headers.add("Access-Control-Allow-Headers", requestedHeaders)
        }
        if let maxAge { headers.add("Access-Control-Max-Age", "\(maxAge)") }
        return HTTPResponse(status: .noContent, headers: headers)
    }

    private func decorate(_ headers: inout HTTPHeaders, origin: String) {
        let echo = allowCredentials || allowedOrigins != .any
        headers.replaceOrAdd("Access-Control-Allow-Origin", echo ? origin : "*")
        if allowCredentials { headers.replaceOrAdd("Access-Control-Allow-Credentials", "true") }
        if echo && !headers.listValues("Vary").contains(where: { HTTPHeaders.equalsIgnoringCase($0, "Origin") }) {
            headers.add("Vary", "Origin")
        }
    }
}
