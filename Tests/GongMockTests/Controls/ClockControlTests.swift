import Essentials
import HTTPServer
import Testing
@testable import GongMock

/// The virtual clock: one clock moves codes, tokens, the credit report and the routes that show it.
@Suite struct ClockControlTests {
    typealias H = GongMockHarness

    @Test func aCodePastTenMinutesIsRefused() throws {
        let harness = try H()
        let (code, verifier) = harness.code()
        let moved = harness.control(.post, "/_mock/clock", ["advance": "11m"])
        #expect(moved.status == .ok)
        #expect(H.json(moved)["offsetSeconds"] == 660)
        let refused = harness.redeem(code, verifier: verifier)
        #expect(refused.status == .badRequest)
        #expect(H.json(refused)["error"] == "invalid_grant")
        #expect(H.json(refused)["error_description"]?.stringValue?.contains("expir") == true)
    }

    @Test func aTokenPastItsLifetimeIsRefusedAndTheReportCarriesVirtualTime() throws {
        let harness = try H()
        let token = harness.accessToken()
        #expect(harness.mcp(token, method: "tools/list").status == .ok)
        #expect(harness.control(.post, "/_mock/clock", ["advance": 3601]).status == .ok)
        let refused = harness.mcp(token, method: "tools/list")
        #expect(refused.status == .unauthorized)
        #expect(refused.headers["WWW-Authenticate"]?.contains("expired") == true)
        let fresh = harness.accessToken()
        _ = harness.callTool(fresh, "ask_account", H.askAltamira)
        let row = try #require(harness.app.ledger.usageRows.last)
        #expect(abs(row.usageTime - harness.app.clock.now()) < 60)
        #expect(row.usageTime - SystemClock().now() > 3500)
    }

    @Test func setAndTheDurationForms() throws {
        let harness = try H()
        let set = H.json(harness.control(.post, "/_mock/clock", ["set": "2030-01-01T09:00:00Z"]))
        #expect(set["now"]?.stringValue?.hasPrefix("2030-01-01T09:00:0") == true)
        let before = harness.app.clock.now()
        for (value, seconds) in [("90s", 90.0), ("2h", 7200), ("3d", 259_200), ("-1h", -3600)] as [(String, Double)] {
            let start = harness.app.clock.now()
            _ = harness.control(.post, "/_mock/clock", ["advance": .string(value)])
            #expect(abs(harness.app.clock.now() - start - seconds) < 5, "\(value)")
        }
        #expect(harness.app.clock.now() > before)
        for body: JSONValue in [["advance": "2 hours"], ["set": "yesterday"], [:], ["advance": 1, "set": "2030-01-01T00:00:00Z"], ["jump": 1]] {
            #expect(harness.control(.post, "/_mock/clock", body).status == .badRequest)
        }
    }

    @Test func clockOptionAndSeedKeyStartTheClockAndAnchorTheCompany() throws {
        var options = GongMockOptions()
        options.clockStart = ClockControl.parseInstant("2026-01-01T09:00:00Z")
        let harness = try H(options: options)
        #expect(UTCTimestamp.iso8601(harness.app.clock.now()).hasPrefix("2026-01-01T09:00:0"))
        let newest = harness.app.company.calls.map(\.startTime).max() ?? 0
        #expect(newest < harness.app.clock.now())
        #expect(harness.app.clock.now() - newest < 40 * 86_400)
        var seed = H.defaultSeed
        seed.removeLast()
        seed += #", "clock": "2027-06-01T00:00:00Z"}"#
        let seeded = try H(seedJSON: seed)
        #expect(UTCTimestamp.iso8601(seeded.app.clock.now()).hasPrefix("2027-06-01T00:00:0"))
    }
}
