import Essentials
import HTTPServer
import OAuth

/// The HTTP-level hook of the fault plane: dropped connections, injected statuses and latency,
/// and the client-quirk reproductions that change what the discovery documents and OAuth
/// endpoints answer. It never touches `/healthz` or the test controls (`/_mock/…`).
public struct FaultMiddleware: HTTPMiddleware {
    let plane: FaultPlane
    let paths: OAuthConfiguration.Paths
    let baseURL: String

    public init(plane: FaultPlane, paths: OAuthConfiguration.Paths, baseURL: String) {
        self.plane = plane
        self.paths = paths
        self.baseURL = baseURL
    }

    static let quirkKinds: [FaultKind] = [.latency, .httpStatus, .dropConnection, .tokenRedirect307, .issuerTrailingSlash,
                                          .resourceTrailingSlash, .noCodeChallengeMethods, .tokenAuthBasicOnly, .register404, .slowToken]

    public func handle(_ request: HTTPRequest, context: RequestContext, next: any HTTPResponder) throws -> HTTPResponse {
        // Firings outside the router record into this request's outcome too (the journal).
        try RequestOutcome.$current.withValue(context.outcome) { try apply(request, context: context, next: next) }
    }

    private func apply(_ request: HTTPRequest, context: RequestContext, next: any HTTPResponder) throws -> HTTPResponse {
        let path = request.path
        guard path != "/healthz", !path.hasPrefix("/_mock/"), plane.faults.contains(where: { Self.quirkKinds.contains($0.spec.kind) && !$0.isSpent }) else {
            return try next.respond(to: request, context: context)
        }
        if plane.fire(.dropConnection, path: path) != nil { return .abort() }
        if let fault = plane.fire(.httpStatus, path: path) {
            let status = HTTPStatus(code: fault.spec.int("status") ?? 500)
            let body: JSONValue = ["error": .string(status.reasonPhrase), "fault": .string(fault.id)]
            var headers = HTTPHeaders()
            if let retryAfter = fault.spec.int("retryAfter") { headers.add("Retry-After", String(retryAfter)) }
            return .json(JSONSerializer.bytes(body), status: status, headers: headers)
        }
        let isToken = request.method == .post && (path == paths.token || paths.tokenAliases.contains(path))
        if path == paths.register, plane.fire(.register404) != nil {
            return .text("Not Found\n", status: .notFound)
        }
        if isToken, plane.fire(.tokenRedirect307) != nil {
            return .redirect(to: baseURL + path, status: HTTPStatus(code: 307))
        }
        var response = try next.respond(to: request, context: context)
        var delayMilliseconds = 0
        if let fault = plane.fire(.latency, path: path) { delayMilliseconds += fault.spec.int("ms") ?? 0 }
        if isToken, let fault = plane.fire(.slowToken) { delayMilliseconds += fault.spec.int("ms") ?? 0 }
        if delayMilliseconds > 0 { response.delay = (response.delay ?? .zero) + .milliseconds(delayMilliseconds) }
        if path.hasPrefix(paths.authorizationServerMetadata) {
            response = rewrite(response) { document in
                if plane.fire(.issuerTrailingSlash) != nil, let issuer = document["issuer"]?.stringValue { document["issuer"] = .string(issuer + "/") }
                if plane.fire(.noCodeChallengeMethods) != nil { document["code_challenge_methods_supported"] = nil }
                if plane.fire(.tokenAuthBasicOnly) != nil { document["token_endpoint_auth_methods_supported"] = ["client_secret_basic"] }
            }
        } else if path.hasPrefix(paths.rootProtectedResourceMetadata) {
            response = rewrite(response) { document in
                if plane.fire(.resourceTrailingSlash) != nil, let resource = document["resource"]?.stringValue { document["resource"] = .string(resource + "/") }
            }
        }
        return response
    }

    /// Applies `change` to a JSON document answer; other answers pass unchanged.
    private func rewrite(_ response: HTTPResponse, _ change: (inout JSONObject) -> Void) -> HTTPResponse {
        guard response.status == .ok, case .bytes(let bytes) = response.body, let parsed = try? JSONParser.parse(bytes),
              var document = parsed.objectValue else { return response }
        change(&document)
        var rewritten = response
        rewritten.body = .bytes(JSONSerializer.bytes(.object(document)))
        return rewritten
    }
}
