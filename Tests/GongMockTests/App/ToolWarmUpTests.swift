import Dispatch
import HTTPServer
import Synchronization
import Testing
@testable import GongMock

/// What only tool calls need is built when `/mcp` is first asked, not at start-up (issue #16:
/// idle RSS), and the warm-up never changes an answer.
@Suite struct ToolWarmUpTests {
    typealias H = GongMockHarness

    /// A count the escaping closures below share.
    final class Count: Sendable {
        private let value = Mutex(0)
        func add() { value.withLock { $0 += 1 } }
        var current: Int { value.withLock { $0 } }
    }

    @Test func startUpAndOtherRoutesLeaveTheSearchIndexesUnbuilt() throws {
        let harness = try H()
        _ = harness.send(.get, "/healthz")
        _ = harness.send(.get, "/.well-known/oauth-authorization-server")
        #expect(!harness.app.company.searchIndexesReady)
    }

    @Test func theFirstRequestStartsTheWarmUpOnceAndEveryRequestIsAnswered() throws {
        let runs = Count(), answered = Count()
        let ran = DispatchSemaphore(value: 0)
        let next = ClosureResponder { _, _ in
            answered.add()
            return HTTPResponse(status: .accepted)
        }
        let responder = ToolWarmUpResponder(next) {
            runs.add()
            ran.signal()
        }
        for _ in 0..<3 {
            let response = try responder.respond(to: HTTPRequest(method: .post, target: "/mcp", headers: HTTPHeaders(), body: []),
                                                 context: RequestContext())
            #expect(response.status == .accepted)
        }
        #expect(ran.wait(timeout: .now() + .seconds(30)) == .success)
        #expect(answered.current == 3)
        #expect(runs.current == 1)
    }
}
