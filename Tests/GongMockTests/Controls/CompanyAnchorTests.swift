import Essentials
import HTTPServer
import Testing
@testable import GongMock

/// Company data ages with the virtual clock; reset re-anchors it to the clock's now, restore
/// brings back the edition of the snapshot, and the state document carries the anchor
/// (issue #15 §3). "Real" time is a manual clock under the virtual one, so a week can pass.
@Suite struct CompanyAnchorTests {
    typealias H = GongMockHarness
    /// Altamira Freight commercial terms: `"daysAgo": 2` in the bundled fixture.
    static let twoDayOldCall = "5311134197047227499"
    static let start = 1_773_144_000.0 // 2026-03-10T12:00:00Z

    struct Fixture {
        let realTime = ManualClock(startingAt: CompanyAnchorTests.start)
        let harness: H

        init(seedJSON: String = H.defaultSeed) throws {
            var options = GongMockOptions()
            options.seed = try SeedFile.parse(Array(seedJSON.utf8), fileName: "seed.json")
            let app = try GongMockApplication(options: options, baseURL: H.base, logger: Logger(category: "test"),
                                              clock: AdjustableClock(base: realTime))
            harness = H(app: app)
        }

        /// Whole UTC days between the call and the virtual clock's now.
        func ageInDays(_ callID: String = CompanyAnchorTests.twoDayOldCall) throws -> Int64 {
            let call = try #require(harness.app.company.call(id: callID))
            return UTCCalendar.day(of: harness.app.clock.now()) - UTCCalendar.day(of: call.startTime)
        }

        /// Calls ask_account counts for Altamira over the last 7 days, with a fresh token.
        func altamiraCallsLastWeek() -> Int? {
            let arguments: JSONValue = ["accountId": .string(H.altamira), "question": "What did they say about pricing?", "timePeriod": "LAST_7DAYS"]
            let (_, result) = harness.callTool(harness.accessToken(), "ask_account", arguments)
            let text = result["result"]?["content"]?[0]?["text"]?.stringValue ?? ""
            return (try? JSONParser.parse(text))?["numOfCallsSearched"]?.intValue
        }
    }

    @Test func aCallAgesWithTheClockAndResetMakesItTwoDaysOldAgain() throws {
        let fixture = try Fixture()
        let harness = fixture.harness
        #expect(try fixture.ageInDays() == 2)
        let lastWeek = try #require(fixture.altamiraCallsLastWeek())
        #expect(lastWeek >= 1)

        #expect(harness.control(.post, "/_mock/clock", ["advance": "7d"]).status == .ok)
        #expect(try fixture.ageInDays() == 9)
        let weekLater = fixture.altamiraCallsLastWeek()
        #expect(weekLater.map { $0 < lastWeek } == true, "\(String(describing: weekLater))")

        // A week of real time passes too: resetting the clock alone would leave the call 9 days old.
        fixture.realTime.advance(by: 7 * 86_400)
        #expect(harness.control(.post, "/_mock/reset").status == .ok)
        #expect(abs(harness.app.clock.offsetSeconds) < 1)
        #expect(try fixture.ageInDays() == 2)
        #expect(fixture.altamiraCallsLastWeek() == lastWeek)
        #expect(harness.app.company.anchor == fixture.realTime.now())
    }

    @Test func restoreBringsBackTheAnchorOfTheSnapshot() throws {
        let fixture = try Fixture()
        let harness = fixture.harness
        let original = try #require(harness.app.company.call(id: Self.twoDayOldCall))
        let snapshot = try #require(H.json(harness.control(.post, "/_mock/snapshot"))["id"]?.stringValue)

        fixture.realTime.advance(by: 7 * 86_400)
        #expect(harness.control(.post, "/_mock/reset").status == .ok)
        #expect(try #require(harness.app.company.call(id: Self.twoDayOldCall)).startTime == original.startTime + 7 * 86_400)

        #expect(harness.control(.post, "/_mock/restore", ["id": .string(snapshot)]).status == .ok)
        #expect(harness.app.company.anchor == Self.start)
        #expect(try #require(harness.app.company.call(id: Self.twoDayOldCall)) == original)
        // The data answers as at snapshot time; the clock, like then, runs on real time.
        #expect(try fixture.ageInDays() == 9)
    }

    @Test func theStateDocumentCarriesTheAnchor() throws {
        let fixture = try Fixture()
        let harness = fixture.harness
        let document = H.json(harness.control(.get, "/_mock/state"))
        #expect(document["company"]?["anchoredAt"] == "2026-03-10T12:00:00Z")

        // An anchor three days later: the call is 2 days old on that day, so -1 day "old" now.
        #expect(harness.control(.put, "/_mock/state", ["company": ["anchoredAt": "2026-03-13T08:00:00Z"]]).status == .ok)
        #expect(try fixture.ageInDays() == -1)
        #expect(H.json(harness.control(.get, "/_mock/state"))["company"]?["anchoredAt"] == "2026-03-13T08:00:00Z")
        // Later the same UTC day: the times stay, and the document reads back the anchor as set.
        #expect(harness.control(.put, "/_mock/state", ["company": ["anchoredAt": "2026-03-13T21:30:00Z"]]).status == .ok)
        #expect(try fixture.ageInDays() == -1)
        #expect(H.json(harness.control(.get, "/_mock/state"))["company"]?["anchoredAt"] == "2026-03-13T21:30:00Z")

        // A clock alone anchors the company to it, as a seed does at start-up.
        #expect(harness.control(.put, "/_mock/state", ["clock": "2026-05-01T10:00:00Z"]).status == .ok)
        #expect(try fixture.ageInDays() == 2)
        // Other members leave the anchor alone.
        _ = harness.control(.post, "/_mock/clock", ["advance": "1d"])
        #expect(harness.control(.put, "/_mock/state", ["credits": ["balance": 10]]).status == .ok)
        #expect(try fixture.ageInDays() == 3)

        // The round trip: the document as read puts back the same edition.
        let saved = harness.control(.get, "/_mock/state")
        _ = harness.control(.put, "/_mock/state", ["company": ["anchoredAt": "2030-01-01T00:00:00Z"]])
        let put = harness.send(.put, "/_mock/state", headers: ["Authorization": "Bearer \(H.adminToken)", "Content-Type": "application/json"],
                               body: Array(H.bodyText(saved).utf8))
        #expect(put.status == .ok)
        #expect(try fixture.ageInDays() == 3)

        let refused = harness.control(.put, "/_mock/state", ["company": ["anchoredAt": "last week"]])
        #expect(refused.status == .badRequest)
        #expect(H.json(refused)["message"]?.stringValue?.contains("company.anchoredAt") == true)
        #expect(harness.control(.put, "/_mock/state", ["company": ["fixture": "other"]]).status == .badRequest)
        #expect(try fixture.ageInDays() == 3)
    }

    @Test func aSeedPinsTheAnchorAndResetReturnsToIt() throws {
        var seed = H.defaultSeed
        seed.removeLast()
        seed += #", "company": {"anchoredAt": "2026-03-01T00:00:00Z"}}"#
        let fixture = try Fixture(seedJSON: seed)
        #expect(try fixture.ageInDays() == 11)
        fixture.realTime.advance(by: 86_400)
        #expect(fixture.harness.control(.post, "/_mock/reset").status == .ok)
        #expect(try fixture.ageInDays() == 12)
        #expect(fixture.harness.app.company.anchor == ClockControl.parseInstant("2026-03-01T00:00:00Z"))
    }
}
