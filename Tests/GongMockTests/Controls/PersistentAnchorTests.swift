import Essentials
import Foundation
import HTTPServer
import Testing
@testable import GongMock

/// With `--state-dir` the company anchor a reset, restore or `PUT /_mock/state` left survives a
/// restart, so "days ago" and `company.anchoredAt` read the same after it; a seed's pinned
/// anchor still wins. "Real" time is a manual clock, so a restart can happen days later.
@Suite struct PersistentAnchorTests {
    typealias H = GongMockHarness
    static let twoDayOldCall = CompanyAnchorTests.twoDayOldCall
    static let start = CompanyAnchorTests.start // 2026-03-10T12:00:00Z

    /// A server on `directory` whose real time is `realTime` (a restart is a second one).
    static func open(_ directory: String, _ realTime: ManualClock, seedJSON: String = H.defaultSeed) throws -> H {
        var options = GongMockOptions()
        options.seed = try SeedFile.parse(Array(seedJSON.utf8), fileName: "seed.json")
        options.stateDirectory = directory
        let app = try GongMockApplication(options: options, baseURL: H.base, logger: Logger(category: "test"),
                                          clock: AdjustableClock(base: realTime))
        return H(app: app)
    }

    static func ageInDays(_ harness: H) throws -> Int64 {
        let call = try #require(harness.app.company.call(id: twoDayOldCall))
        return UTCCalendar.day(of: harness.app.clock.now()) - UTCCalendar.day(of: call.startTime)
    }

    static func anchoredAt(_ harness: H) -> JSONValue? {
        H.json(harness.control(.get, "/_mock/state"))["company"]?["anchoredAt"]
    }

    @Test func anAnchorPutAndAResetSurviveARestart() throws {
        let directory = try OAuthStoreSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let realTime = ManualClock(startingAt: Self.start)
        do {
            let first = try Self.open(directory, realTime)
            #expect(first.control(.put, "/_mock/state", ["company": ["anchoredAt": "2026-03-13T08:00:00Z"]]).status == .ok)
            #expect(try Self.ageInDays(first) == -1)
        }
        realTime.advance(by: 3_600)
        do {
            let second = try Self.open(directory, realTime)
            #expect(Self.anchoredAt(second) == "2026-03-13T08:00:00Z")
            #expect(try Self.ageInDays(second) == -1)
            // A week later a reset anchors at that instant (same day as the restart below).
            realTime.advance(by: 7 * 86_400)
            #expect(second.control(.post, "/_mock/reset").status == .ok)
            #expect(second.app.company.anchor == realTime.now())
        }
        let resetAt = realTime.now()
        realTime.advance(by: 86_400 + 60)
        let third = try Self.open(directory, realTime)
        // Anchored at the reset, a day ago: the call is 3 days old, not 2 as a fresh start would make it.
        #expect(third.app.company.anchor == resetAt)
        #expect(Self.anchoredAt(third) == .string(UTCTimestamp.iso8601(resetAt)))
        #expect(try Self.ageInDays(third) == 3)
    }

    @Test func aSnapshotRestoreSurvivesARestartAndASeedAnchorWins() throws {
        let directory = try OAuthStoreSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let realTime = ManualClock(startingAt: Self.start)
        do {
            let first = try Self.open(directory, realTime)
            let snapshot = try #require(H.json(first.control(.post, "/_mock/snapshot"))["id"]?.stringValue)
            realTime.advance(by: 5 * 86_400)
            #expect(first.control(.post, "/_mock/reset").status == .ok)
            #expect(first.control(.post, "/_mock/restore", ["id": .string(snapshot)]).status == .ok)
            #expect(try Self.ageInDays(first) == 7)
        }
        do {
            let second = try Self.open(directory, realTime)
            #expect(second.app.company.anchor == Self.start)
            #expect(try Self.ageInDays(second) == 7)
        }
        var seed = H.defaultSeed
        seed.removeLast()
        seed += #", "company": {"anchoredAt": "2026-03-01T00:00:00Z"}}"#
        let pinned = try Self.open(directory, realTime, seedJSON: seed)
        #expect(Self.anchoredAt(pinned) == "2026-03-01T00:00:00Z")
        #expect(try Self.ageInDays(pinned) == 16)
    }
}
