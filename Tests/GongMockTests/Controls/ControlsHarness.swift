import CryptoPrimitives
import Essentials
import HTTPServer
@testable import GongMock

/// The test controls through the router, with the harness's admin token.
extension GongMockHarness {
    static let adminToken = "test-admin-token"

    func control(_ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil, token: String? = adminToken) -> HTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let token { headers.add("Authorization", "Bearer \(token)") }
        return send(method, path, headers: headers, body: body.map { JSONSerializer.bytes($0) } ?? [])
    }

    @discardableResult
    func addFault(_ fault: JSONValue) -> String {
        Self.json(control(.post, "/_mock/faults", fault))["id"]?.stringValue ?? "<no id>"
    }

    func fired(_ id: String) -> Int { Self.json(control(.get, "/_mock/faults/\(id)"))["fired"]?.intValue ?? -1 }

    /// A code for the CI client (auto-approved as Maya) and its verifier.
    func code() -> (code: String, verifier: String) {
        let verifier = "verifier-0123456789-0123456789-0123456789-abc"
        return (authorize(clientID: Self.ciClientID, user: Self.maya, verifier: verifier)["code"] ?? "<no code>", verifier)
    }

    func redeem(_ code: String, verifier: String, basic: Bool = false) -> HTTPResponse {
        var fields = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Self.ciRedirect), ("code_verifier", verifier)]
        var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
        if basic {
            headers.add("Authorization", "Basic " + Base64.encode(Array("\(Self.ciClientID):\(Self.ciSecret)".utf8)))
        } else {
            fields += [("client_id", Self.ciClientID), ("client_secret", Self.ciSecret)]
        }
        return send(.post, "/oauth2/generate-mcp-token", headers: headers, body: Array(URLEncodedForm.encode(fields).utf8))
    }

    func refresh(_ refreshToken: String) -> HTTPResponse {
        let form = URLEncodedForm.encode([("grant_type", "refresh_token"), ("refresh_token", refreshToken),
                                          ("client_id", Self.ciClientID), ("client_secret", Self.ciSecret)])
        return send(.post, "/oauth2/generate-mcp-token", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array(form.utf8))
    }

    static let askAltamira: JSONValue = ["accountId": .string(altamira), "question": "What did they say about pricing?", "timePeriod": "ALL_CONVERSATIONS"]
}
