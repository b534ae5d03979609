import Essentials
import HTTPServer

extension GongMockApplication {
    private static let healthyBody = Array(#"{"status":"ok"}"#.utf8)

    /// `GET /healthz`: liveness for load balancers and `HEALTHCHECK` (a constant body, nothing
    /// computed). `GET /healthz?verbose` adds the build facts (`BuildInfo`) so a CI log or a
    /// person can tell which build, OpenSSL and SQLite answered. Never anything secret.
    @Sendable static func health(_ request: HTTPRequest, _ context: RequestContext) -> HTTPResponse {
        guard request.query != nil, request.queryItems.contains(where: { $0.name == "verbose" }) else {
            return .json(healthyBody)
        }
        var object = JSONObject()
        object["status"] = .string("ok")
        for (key, value) in BuildInfo.current.jsonFields { object[key] = value }
        return .json(JSONSerializer.bytes(.object(object)))
    }
}
