extension TimePeriod {
    /// The range this period covers at `now`. `lastActivity` (the entity's most recent visible
    /// conversation) is needed by the SINCE_LAST_ACTIVITY periods; nil there means "no activity",
    /// and the result is nil (nothing to analyse). `from`/`to` are the raw `fromDateTime` /
    /// `toDateTime` arguments, read only for CUSTOM_RANGE (Gong: "relevant only when
    /// timePeriod=CUSTOM_RANGE"); errors name the argument and the expected form.
    func resolve(now: Double, lastActivity: Double?, from: String?, to: String?) -> Result<TimeRange?, ToolArgumentError> {
        let day = Double(UTCCalendar.secondsPerDay)
        let today = UTCCalendar.day(of: now)
        let civil = UTCCalendar.civil(fromDays: today)
        switch self {
        case .last7Days: return .success(TimeRange(from: now - 7 * day, to: now))
        case .last30Days: return .success(TimeRange(from: now - 30 * day, to: now))
        case .last90Days: return .success(TimeRange(from: now - 90 * day, to: now))
        case .lastYear: return .success(TimeRange(from: now - 365 * day, to: now))
        case .last90DaysSinceLastActivity:
            return .success(lastActivity.map { TimeRange(from: $0 - 90 * day, to: $0) })
        case .lastYearSinceLastActivity:
            return .success(lastActivity.map { TimeRange(from: $0 - 365 * day, to: $0) })
        case .thisWeek:
            let monday = today - UTCCalendar.weekdayFromMonday(day: today)
            return .success(TimeRange(from: UTCCalendar.start(ofDay: monday), to: now))
        case .thisMonth:
            let first = UTCCalendar.daysFromCivil(civil.year, civil.month, 1)
            return .success(TimeRange(from: UTCCalendar.start(ofDay: first), to: now))
        case .thisQuarter:
            let firstMonth = (civil.month - 1) / 3 * 3 + 1
            let first = UTCCalendar.daysFromCivil(civil.year, firstMonth, 1)
            return .success(TimeRange(from: UTCCalendar.start(ofDay: first), to: now))
        case .thisYear:
            let first = UTCCalendar.daysFromCivil(civil.year, 1, 1)
            return .success(TimeRange(from: UTCCalendar.start(ofDay: first), to: now))
        case .allConversations:
            return .success(.unbounded)
        case .customRange:
            return Self.customRange(now: now, from: from, to: to)
        }
    }

    private static let example = "e.g. 2026-04-01T00:00:00Z or 2026-04-01"

    private static func customRange(now: Double, from: String?, to: String?) -> Result<TimeRange?, ToolArgumentError> {
        guard let from else {
            return .failure(ToolArgumentError(argument: "fromDateTime",
                                              message: "is required when timePeriod is CUSTOM_RANGE (ISO-8601, \(example))"))
        }
        guard let start = ISO8601Time.parse(from) else {
            return .failure(ToolArgumentError(argument: "fromDateTime",
                                              message: "\"\(from)\" is not an ISO-8601 date-time (\(example))"))
        }
        var end = now
        if let to {
            guard let parsed = ISO8601Time.parse(to) else {
                return .failure(ToolArgumentError(argument: "toDateTime",
                                                  message: "\"\(to)\" is not an ISO-8601 date-time (\(example))"))
            }
            // A bare end date means "through that day".
            end = parsed.dateOnly ? parsed.seconds + Double(UTCCalendar.secondsPerDay) - 0.001 : parsed.seconds
        }
        guard start.seconds <= end else {
            return .failure(ToolArgumentError(
                argument: "fromDateTime",
                message: "\"\(from)\" is after toDateTime (\(to ?? "now, \(UTCCalendar.isoString(now))")); the range must not be reversed"))
        }
        return .success(TimeRange(from: start.seconds, to: end))
    }
}
