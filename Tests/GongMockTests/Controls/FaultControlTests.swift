import Essentials
import HTTPServer
import Testing
@testable import GongMock

/// The `/_mock/faults` routes: listing, validation, deletion, the kinds catalogue, the gate.
@Suite struct FaultControlTests {
    typealias H = GongMockHarness

    @Test func everyRouteNeedsTheAdminToken() throws {
        let harness = try H()
        for (method, path) in [(HTTPMethod.get, "/_mock/faults"), (.post, "/_mock/reset"), (.get, "/_mock/clock"), (.get, "/_mock/state"),
                               (.post, "/_mock/snapshot"), (.get, "/_mock/faults/kinds")] {
            let response = harness.control(method, path, token: nil)
            #expect(response.status == .unauthorized, "\(path)")
            #expect(H.json(response)["message"]?.stringValue?.contains("admin token") == true)
            #expect(harness.control(method, path, token: "wrong-token-wrong-token").status == .unauthorized)
        }
    }

    @Test func unknownKindsAndParametersNameTheValidOnes() throws {
        let harness = try H()
        let unknownKind = harness.control(.post, "/_mock/faults", ["kind": "token-eror"])
        #expect(unknownKind.status == .badRequest)
        #expect(H.json(unknownKind)["message"]?.stringValue?.contains("valid kinds: token-error, access-token-expire") == true)
        let unknownParameter = harness.control(.post, "/_mock/faults", ["kind": "latency", "ms": 5, "seconds": 1])
        #expect(H.json(unknownParameter)["message"]?.stringValue == "seconds: unknown key; known keys: kind, times, path, ms")
        let missing = harness.control(.post, "/_mock/faults", ["kind": "insufficient-scope"])
        #expect(H.json(missing)["message"]?.stringValue?.hasPrefix("tool: required for kind insufficient-scope") == true)
        let badStatus = harness.control(.post, "/_mock/faults", ["kind": "http-status", "status": 200])
        #expect(H.json(badStatus)["message"]?.stringValue == "status: expected an integer from 400 to 599, got 200")
        #expect(H.json(harness.control(.get, "/_mock/faults")) == [])
    }

    @Test func listDeleteAndClear() throws {
        let harness = try H()
        let first = harness.addFault(["kind": "latency", "ms": 1])
        let second = harness.addFault(["kind": "register-404", "times": 2])
        let listed = H.json(harness.control(.get, "/_mock/faults")).arrayValue ?? []
        #expect(listed.map { $0["id"]?.stringValue ?? "" } == [first, second])
        #expect(listed.last?["times"] == 2)
        #expect(listed.last?["fired"] == 0)
        #expect(harness.control(.delete, "/_mock/faults/\(first)").status == .noContent)
        #expect(harness.control(.delete, "/_mock/faults/\(first)").status == .notFound)
        #expect(harness.control(.delete, "/_mock/faults").status == .noContent)
        #expect(H.json(harness.control(.get, "/_mock/faults")) == [])
    }

    @Test func kindsCatalogueListsEveryKind() throws {
        let harness = try H()
        let kinds = H.json(harness.control(.get, "/_mock/faults/kinds")).arrayValue ?? []
        #expect(kinds.compactMap { $0["kind"]?.stringValue } == FaultKind.allCases.map(\.rawValue))
        #expect(kinds.allSatisfy { $0["effect"]?.stringValue?.isEmpty == false })
    }

    @Test func seedFaultsAreLiveFromTheStart() throws {
        var seed = H.defaultSeed
        seed.removeLast()
        seed += #", "faults": [{"kind": "register-404"}]}"#
        let harness = try H(seedJSON: seed)
        #expect(harness.send(.post, "/oauth2/register").status == .notFound)
        #expect(H.json(harness.control(.get, "/_mock/faults")).arrayValue?.first?["fired"] == 1)
    }
}

/// A firing is recorded in the request's outcome box, where the journal reads it.
@Suite struct FaultOutcomeTests {
    typealias H = GongMockHarness

    @Test func firingsLandInTheRequestOutcome() throws {
        let harness = try H()
        let httpFault = harness.addFault(["kind": "http-status", "path": "/mcp", "status": 500, "times": 1])
        let tokenFault = harness.addFault(["kind": "token-error", "times": 1])
        let first = RequestContext(remoteAddress: "127.0.0.1:1")
        _ = try harness.app.responder.respond(to: HTTPRequest(method: .post, target: "/mcp", headers: ["Host": "127.0.0.1:7777"]), context: first)
        #expect(first.outcome[FaultRequestOutcome.self]?.faultIDs == [httpFault])
        let second = RequestContext(remoteAddress: "127.0.0.1:1")
        let form = Array("grant_type=authorization_code&code=x&client_id=\(H.ciClientID)&client_secret=\(H.ciSecret)".utf8)
        _ = try harness.app.responder.respond(to: HTTPRequest(method: .post, target: "/oauth2/generate-mcp-token",
                                                              headers: ["Host": "127.0.0.1:7777", "Content-Type": "application/x-www-form-urlencoded"],
                                                              body: form), context: second)
        #expect(second.outcome[FaultRequestOutcome.self]?.kinds == ["token-error"])
        #expect(second.outcome[FaultRequestOutcome.self]?.faultIDs == [tokenFault])
    }
}
