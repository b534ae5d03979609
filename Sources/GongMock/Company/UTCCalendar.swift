import Essentials

/// Proleptic Gregorian calendar arithmetic in UTC, without Foundation's Calendar, so fixture
/// times and time periods resolve identically on every machine and in microseconds.
/// (Algorithms: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms".)
enum UTCCalendar {
    static let secondsPerDay: Int64 = 86_400

    struct Civil: Equatable {
        let year: Int64
        let month: Int64
        let day: Int64
    }

    static func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> Civil {
        let date = UTCTimestamp.civil(fromDays: days)
        return Civil(year: date.year, month: date.month, day: date.day)
    }

    /// Days since the epoch of the UTC day containing `seconds`.
    static func day(of seconds: Double) -> Int64 {
        Int64((seconds / Double(secondsPerDay)).rounded(.down))
    }

    /// Start (00:00:00 UTC) of the day `day`, in epoch seconds.
    static func start(ofDay day: Int64) -> Double { Double(day * secondsPerDay) }

    /// 0 = Monday … 6 = Sunday (ISO 8601 weekday numbering minus one); 1970-01-01 was a Thursday.
    static func weekdayFromMonday(day: Int64) -> Int64 {
        let value = (day + 3) % 7
        return value >= 0 ? value : value + 7
    }

    /// `YYYY-MM-DD` of the UTC day containing `seconds`.
    static func dateString(_ seconds: Double) -> String {
        let civil = civil(fromDays: day(of: seconds))
        return "\(pad(civil.year, 4))-\(pad(civil.month, 2))-\(pad(civil.day, 2))"
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`: the ISO 8601 form every time in tool output uses.
    static func isoString(_ seconds: Double) -> String { UTCTimestamp.iso8601(seconds) }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
