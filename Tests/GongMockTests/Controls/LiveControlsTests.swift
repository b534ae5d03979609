import Essentials
import HTTPServer
import Testing
@testable import GongMock

/// The controls on a live socket: a dropped connection is a close with no bytes, the `Date`
/// header follows the virtual clock, latency holds the answer without blocking the loop.
@Suite struct LiveControlsTests {
    static let admin = ("Authorization", "Bearer \(GongMockHarness.adminToken)")

    static func start(clock: AdjustableClock = AdjustableClock()) throws -> GongMockServer {
        var options = GongMockOptions()
        options.seed = try SeedFile.parse(Array(GongMockHarness.defaultSeed.utf8), fileName: "seed.json")
        return try GongMockServer.start(options: options, clock: clock)
    }

    @Test func dropConnectionClosesWithoutAResponse() throws {
        let server = try Self.start()
        defer { server.stop(gracePeriod: .zero) }
        let client = LoopbackHTTPClient(port: server.port)
        let added = try client.send("POST", "/_mock/faults", headers: [Self.admin, ("Content-Type", "application/json")],
                                    body: #"{"kind":"drop-connection","path":"/oauth2/*","times":1}"#)
        #expect(added.status == 201)
        let dropped = try client.exchange(Array("GET /oauth2/authorize HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8))
        #expect(dropped.isEmpty)
        #expect(try client.send("GET", "/healthz").status == 200)
        #expect(try client.send("GET", "/oauth2/authorize").status != 0)
    }

    @Test func dateHeaderFollowsTheVirtualClock() throws {
        let server = try Self.start()
        defer { server.stop(gracePeriod: .zero) }
        let client = LoopbackHTTPClient(port: server.port)
        let moved = try client.send("POST", "/_mock/clock", headers: [Self.admin, ("Content-Type", "application/json")],
                                    body: #"{"set":"2031-03-04T05:06:07Z"}"#)
        #expect(moved.status == 200)
        let answer = try client.send("GET", "/healthz")
        #expect(answer.header("Date")?.hasPrefix("Tue, 04 Mar 2031 05:0") == true)
    }

    @Test func latencyHoldsTheAnswer() throws {
        let server = try Self.start()
        defer { server.stop(gracePeriod: .zero) }
        let client = LoopbackHTTPClient(port: server.port)
        _ = try client.send("POST", "/_mock/faults", headers: [Self.admin, ("Content-Type", "application/json")],
                            body: #"{"kind":"latency","path":"/.well-known/oauth-authorization-server","ms":30,"times":1}"#)
        let answer = try client.send("GET", "/.well-known/oauth-authorization-server")
        #expect(answer.status == 200)
        let faults = try client.send("GET", "/_mock/faults", headers: [Self.admin])
        #expect(faults.body.contains(#""fired":1"#))
    }
}

/// A fault's firing is a journal entry carrying the fault id.
@Suite struct FaultJournalTests {
    @Test func firingsAreJournaledWithTheFaultID() throws {
        let server = try LiveControlsTests.start()
        defer { server.stop(gracePeriod: .zero) }
        let client = LoopbackHTTPClient(port: server.port)
        let added = try client.send("POST", "/_mock/faults", headers: [LiveControlsTests.admin, ("Content-Type", "application/json")],
                                    body: #"{"kind":"register-404","times":1}"#)
        #expect(added.status == 201)
        #expect(try client.send("POST", "/oauth2/register", headers: [("Content-Type", "application/json")], body: "{}").status == 404)
        let journal = try client.send("GET", "/_mock/journal", headers: [LiveControlsTests.admin])
        let line = journal.body.split(separator: "\n").first { $0.contains(#""path":"/oauth2/register""#) }
        #expect(line?.contains(#""faults":["fault-1"]"#) == true)
    }
}
