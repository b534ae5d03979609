/// The `timePeriod` values of Gong's ask-entity / get-brief APIs (gong.md §2.1), all twelve.
///
/// Semantics the mock chooses (Gong documents only the names), all in UTC, range inclusive:
/// - `LAST_7DAYS`, `LAST_30DAYS`, `LAST_90DAYS`, `LAST_YEAR`: the rolling 7/30/90/365 days ending now
///   (`LAST_YEAR` is rolling, like its siblings, not the previous calendar year).
/// - `LAST_90_DAYS_SINCE_LAST_ACTIVITY`, `LAST_YEAR_SINCE_LAST_ACTIVITY`: 90/365 days ending at the
///   entity's most recent visible call or e-mail (nothing at all when it has none).
/// - `THIS_WEEK` (from Monday 00:00), `THIS_MONTH`, `THIS_QUARTER` (calendar quarters), `THIS_YEAR`:
///   from the start of the current period up to now.
/// - `CUSTOM_RANGE`: `fromDateTime` (required) to `toDateTime` (default now).
/// - `ALL_CONVERSATIONS`: no time limit.
public enum TimePeriod: String, Sendable, Hashable, CaseIterable {
    case last7Days = "LAST_7DAYS"
    case last30Days = "LAST_30DAYS"
    case last90Days = "LAST_90DAYS"
    case last90DaysSinceLastActivity = "LAST_90_DAYS_SINCE_LAST_ACTIVITY"
    case lastYearSinceLastActivity = "LAST_YEAR_SINCE_LAST_ACTIVITY"
    case lastYear = "LAST_YEAR"
    case thisWeek = "THIS_WEEK"
    case thisMonth = "THIS_MONTH"
    case thisYear = "THIS_YEAR"
    case thisQuarter = "THIS_QUARTER"
    case customRange = "CUSTOM_RANGE"
    case allConversations = "ALL_CONVERSATIONS"

    /// Words for answer text ("in the last 30 days").
    var phrase: String {
        switch self {
        case .last7Days: return "the last 7 days"
        case .last30Days: return "the last 30 days"
        case .last90Days: return "the last 90 days"
        case .last90DaysSinceLastActivity: return "the 90 days up to the last activity"
        case .lastYearSinceLastActivity: return "the year up to the last activity"
        case .lastYear: return "the last year"
        case .thisWeek: return "this week"
        case .thisMonth: return "this month"
        case .thisYear: return "this year"
        case .thisQuarter: return "this quarter"
        case .customRange: return "the selected date range"
        case .allConversations: return "all conversations"
        }
    }

    static let allowedList = allCases.map(\.rawValue).joined(separator: ", ")
}
