/// A fixture time stored relative to "now" (`{"daysAgo": 12, "time": "14:30"}`): that UTC time
/// of day, `daysAgo` days before today. Resolved once at load against the server clock, so the
/// data always looks recent ("last 30 days" has calls) yet stays deterministic for a fixed clock.
struct RelativeTime: Sendable, Hashable {
    let daysAgo: Int
    let secondsOfDay: Int

    func resolve(now: Double) -> Double {
        let today = UTCCalendar.day(of: now)
        return UTCCalendar.start(ofDay: today - Int64(daysAgo)) + Double(secondsOfDay)
    }

    /// Parses `HH:MM` (24-hour clock, UTC); nil when malformed or out of range.
    static func secondsOfDay(_ text: String) -> Int? {
        let utf8 = Array(text.utf8.prefix(6))
        if utf8.count == 5, utf8[2] == UInt8(ascii: ":"), [0, 1, 3, 4].allSatisfy({ (0x30...0x39).contains(utf8[$0]) }) {
            // The usual "HH:MM": the same answer as below without splitting the string.
            let hours = Int(utf8[0] - 0x30) * 10 + Int(utf8[1] - 0x30)
            let minutes = Int(utf8[3] - 0x30) * 10 + Int(utf8[4] - 0x30)
            return hours <= 23 && minutes <= 59 ? hours * 3600 + minutes * 60 : nil
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0...23).contains(hours), (0...59).contains(minutes) else { return nil }
        return hours * 3600 + minutes * 60
    }
}
