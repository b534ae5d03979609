import Essentials
import HTTPServer
import Testing
@testable import GongMock

/// A `/_mock` route asked with a method it does not take answers 405 with `Allow` (RFC 9110
/// §15.5.6) in the controls' JSON error shape; an unknown path 404; both only with the admin token.
@Suite struct MockControlMethodTests {
    typealias H = GongMockHarness

    @Test(arguments: [
        (HTTPMethod.get, "/_mock/reset", "POST"),
        (.delete, "/_mock/clock", "GET, POST, HEAD"),
        (.put, "/_mock/journal", "GET, HEAD"),
        (.patch, "/_mock/state", "GET, PUT, HEAD"),
        (.put, "/_mock/faults/fault-1", "GET, DELETE, HEAD"),
        (.post, "/_mock/faults/kinds", "GET, HEAD"),
    ])
    func aKnownRouteWithAnotherMethodIs405WithAllow(method: HTTPMethod, path: String, allow: String) throws {
        let harness = try H()
        let response = harness.control(method, path)
        #expect(response.status == .methodNotAllowed, "\(method.rawValue) \(path): \(H.bodyText(response))")
        #expect(Set(response.headers["Allow"]?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? [])
                == Set(allow.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }))
        let body = H.json(response)
        #expect(body["error"] == "method_not_allowed")
        #expect(body["message"]?.stringValue?.contains("allowed: \(response.headers["Allow"] ?? "?")") == true)
        #expect(body["message"]?.stringValue?.contains(method.rawValue) == true)

        let anonymous = harness.control(method, path, token: nil)
        #expect(anonymous.status == .unauthorized)
        #expect(anonymous.headers["Allow"] == nil)
        #expect(anonymous.headers["WWW-Authenticate"] == #"Bearer realm="gong-mock-admin""#)
    }

    @Test func anUnknownControlPathIs404PointingToTheRoutesAndNeedsTheToken() throws {
        let harness = try H()
        for (method, path) in [(HTTPMethod.get, "/_mock/no-such-control"), (.post, "/_mock/faults/kinds/x"), (.delete, "/_mock")] {
            let response = harness.control(method, path)
            #expect(response.status == .notFound, "\(method.rawValue) \(path)")
            #expect(H.json(response)["error"] == "not_found")
            let message = H.json(response)["message"]?.stringValue ?? ""
            #expect(message.contains("No control route \(method.rawValue) \(path)"))
            #expect(message.contains("GET /_mock/faults/kinds"))
            #expect(harness.control(method, path, token: nil).status == .unauthorized)
        }
        // Outside the group the prefix means nothing: the plain 404, no token needed.
        #expect(harness.control(.get, "/_mockery", token: nil).status == .notFound)
        // The routes themselves still answer.
        #expect(harness.control(.get, "/_mock/clock").status == .ok)
    }
}
