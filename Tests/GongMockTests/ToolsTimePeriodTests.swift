import Essentials
import Testing
@testable import GongMock

@Suite struct ToolsTimePeriodTests {
    /// Wednesday 2026-06-10T12:00:00Z.
    let clock = ManualClock(startingAt: CompanyTestSupport.now)

    private func range(_ period: TimePeriod, lastActivity: Double? = nil, from: String? = nil,
                       to: String? = nil) throws -> TimeRange? {
        try period.resolve(now: clock.now(), lastActivity: lastActivity, from: from, to: to).get()
    }

    @Test func calendarPeriodsStartAtTheirUTCBoundaries() throws {
        #expect(UTCCalendar.isoString(clock.now()) == "2026-06-10T12:00:00Z")
        #expect(try range(.thisWeek) == TimeRange(from: 1_780_876_800, to: clock.now()))     // Monday 2026-06-08
        #expect(try range(.thisMonth) == TimeRange(from: 1_780_272_000, to: clock.now()))    // 2026-06-01
        #expect(try range(.thisQuarter) == TimeRange(from: 1_775_001_600, to: clock.now()))  // 2026-04-01 (Q2)
        #expect(try range(.thisYear) == TimeRange(from: 1_767_225_600, to: clock.now()))     // 2026-01-01
    }

    @Test func thisQuarterFollowsTheClockAcrossAQuarterBoundary() throws {
        clock.set(1_775_001_599) // 2026-03-31T23:59:59Z: still Q1
        #expect(try range(.thisQuarter)?.from == 1_767_225_600)
        clock.advance(by: 1) // 2026-04-01T00:00:00Z: Q2 starts now
        #expect(try range(.thisQuarter) == TimeRange(from: 1_775_001_600, to: 1_775_001_600))
    }

    @Test func thisWeekOnASundayStillStartsOnMonday() throws {
        clock.set(1_780_876_800 - 1) // Sunday 2026-06-07T23:59:59Z
        #expect(try range(.thisWeek)?.from == 1_780_876_800 - 7 * 86_400)
    }

    @Test(arguments: [(TimePeriod.last7Days, 7.0), (.last30Days, 30), (.last90Days, 90), (.lastYear, 365)])
    func rollingPeriodsEndNow(period: TimePeriod, days: Double) throws {
        #expect(try range(period) == TimeRange(from: clock.now() - days * 86_400, to: clock.now()))
    }

    @Test func sinceLastActivityPeriodsEndAtTheLastActivity() throws {
        let last = clock.now() - 200 * 86_400
        #expect(try range(.last90DaysSinceLastActivity, lastActivity: last) == TimeRange(from: last - 90 * 86_400, to: last))
        #expect(try range(.lastYearSinceLastActivity, lastActivity: last) == TimeRange(from: last - 365 * 86_400, to: last))
        #expect(try range(.last90DaysSinceLastActivity, lastActivity: nil) == nil)
        #expect(try range(.allConversations) == .unbounded)
    }

    @Test func customRangeBounds() throws {
        #expect(try range(.customRange, from: "2026-04-01T00:00:00Z", to: "2026-05-01T00:00:00Z")
                == TimeRange(from: 1_775_001_600, to: 1_775_001_600 + 30 * 86_400))
        // No toDateTime: up to now. A bare end date covers that whole day. Offsets are honoured.
        #expect(try range(.customRange, from: "2026-04-01")?.to == clock.now())
        #expect(try range(.customRange, from: "2026-04-01", to: "2026-04-01")?.to == 1_775_001_600 + 86_400 - 0.001)
        #expect(try range(.customRange, from: "2026-04-01T02:00:00+02:00")?.from == 1_775_001_600)
        #expect(try range(.customRange, from: "2026-04-01T00:00:00.500Z")?.from == 1_775_001_600.5)
    }

    @Test(arguments: [
        (nil, nil, "fromDateTime", "is required when timePeriod is CUSTOM_RANGE"),
        ("April 1st", nil, "fromDateTime", "\"April 1st\" is not an ISO-8601 date-time"),
        ("2026-02-30", nil, "fromDateTime", "is not an ISO-8601"),
        ("2026-04-01", "2026-13-01", "toDateTime", "\"2026-13-01\" is not an ISO-8601 date-time"),
        ("2026-05-01", "2026-04-01", "fromDateTime", "the range must not be reversed"),
    ] as [(String?, String?, String, String)])
    func customRangeErrorsNameTheArgument(from: String?, to: String?, argument: String, fragment: String) {
        guard case .failure(let error) = TimePeriod.customRange.resolve(now: clock.now(), lastActivity: nil, from: from, to: to)
        else {
            Issue.record("expected a failure for from=\(from ?? "nil") to=\(to ?? "nil")")
            return
        }
        #expect(error.argument == argument)
        #expect(error.message.contains(fragment), "\(error.message)")
    }

    @Test func otherPeriodsIgnoreTheDateArguments() throws {
        #expect(try range(.last7Days, from: "garbage", to: "more garbage") == TimeRange(from: clock.now() - 7 * 86_400, to: clock.now()))
    }

    @Test func everyPeriodIsAcceptedByTheToolsAndCustomRangeErrorsReachThem() throws {
        let data = try CompanyTestSupport.bundled()
        let catalog = GongToolCatalog(data: data, clock: clock, requestIDSeed: 7)
        let caller = ToolCaller(access: .shared, userID: nil, integrationName: "Tests")
        for period in TimePeriod.allCases {
            var arguments = JSONObject([("dealId", .string(data.deals[0].id)), ("question", "pricing?"),
                                        ("timePeriod", .string(period.rawValue))])
            if period == .customRange { arguments["fromDateTime"] = "2026-01-01T00:00:00Z" }
            guard case .success = catalog.run(tool: "ask_deal", arguments: arguments, caller: caller) else {
                Issue.record("\(period.rawValue) was refused")
                continue
            }
        }
        let outcome = catalog.run(tool: "ask_deal", arguments: JSONObject([
            ("dealId", .string(data.deals[0].id)), ("question", "pricing?"), ("timePeriod", "CUSTOM_RANGE"),
        ]), caller: caller)
        #expect(outcome == .failure(message: "Invalid argument fromDateTime: is required when timePeriod is CUSTOM_RANGE (ISO-8601, e.g. 2026-04-01T00:00:00Z or 2026-04-01)"))
    }

    @Test func lastNinetyDaysSinceLastActivityReachesBackFromAnOldDeal() throws {
        // A closed deal whose last call is months old: LAST_90DAYS finds nothing, the
        // SINCE_LAST_ACTIVITY period still analyses its final conversations.
        let data = try CompanyTestSupport.bundled()
        let catalog = GongToolCatalog(data: data, clock: clock, requestIDSeed: 7)
        let caller = ToolCaller(access: .shared, userID: nil, integrationName: "Tests")
        let closed = try #require(data.deals.first { $0.name == "Granite Peak - Plant Analytics" })
        func searched(_ period: String) -> Double? {
            guard case .success(let result, _) = catalog.run(tool: "ask_deal", arguments: JSONObject([
                ("dealId", .string(closed.id)), ("question", "Why did we lose?"), ("timePeriod", .string(period)),
            ]), caller: caller) else { return nil }
            return result["numOfCallsSearched"]?.doubleValue
        }
        #expect(searched("LAST_90DAYS") == 0)
        #expect((searched("LAST_90_DAYS_SINCE_LAST_ACTIVITY") ?? 0) >= 1)
    }
}
