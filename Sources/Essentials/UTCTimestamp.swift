/// UTC calendar arithmetic without Foundation or a time-zone database (H. Hinnant's
/// days-from-civil algorithms): one implementation for every timestamp the mock prints.
public enum UTCTimestamp {
    public struct Civil: Sendable, Hashable {
        public let year: Int64
        public let month: Int64
        public let day: Int64
    }

    public static let secondsPerDay: Int64 = 86_400

    /// The civil date of a day number (days since 1970-01-01).
    public static func civil(fromDays days: Int64) -> Civil {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        return Civil(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// RFC 3339 / ISO 8601 UTC with whole seconds: `2026-11-25T16:10:53Z`.
    public static func iso8601(_ seconds: Double) -> String {
        let whole = Int64(seconds.rounded(.down))
        let days = whole >= 0 ? whole / secondsPerDay : (whole - secondsPerDay + 1) / secondsPerDay
        let rest = whole - days * secondsPerDay
        let date = civil(fromDays: days)
        return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))T\(pad(rest / 3600, 2)):\(pad(rest % 3600 / 60, 2)):\(pad(rest % 60, 2))Z"
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
