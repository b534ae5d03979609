/// Parses the ISO 8601 forms `fromDateTime` / `toDateTime` accept (Gong asks for "ISO-8601 UTC"):
/// `2026-04-01T09:30:00Z`, with optional fraction, a `±HH:MM`/`±HHMM` offset instead of `Z`
/// (no designator means UTC), or a bare date `2026-04-01`. Hand-written: no Foundation formatter,
/// identical results everywhere.
enum ISO8601Time {
    struct Parsed: Equatable {
        let seconds: Double
        /// True for a bare date, so an end bound can cover the whole day.
        let dateOnly: Bool
    }

    static func parse(_ text: String) -> Parsed? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ width: Int) -> Int64? {
            guard index + width <= bytes.count else { return nil }
            var value: Int64 = 0
            for offset in 0..<width {
                let byte = bytes[index + offset]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            index += width
            return value
        }
        func expect(_ character: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == character else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
              let day = number(2), (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        let dayStart = Double(UTCCalendar.daysFromCivil(year, month, day) * UTCCalendar.secondsPerDay)
        if index == bytes.count { return Parsed(seconds: dayStart, dateOnly: true) }
        guard expect(UInt8(ascii: "T")) || expect(UInt8(ascii: "t")) || expect(UInt8(ascii: " ")),
              let hour = number(2), expect(UInt8(ascii: ":")), let minute = number(2),
              hour <= 23, minute <= 59 else { return nil }
        var second: Double = 0
        if expect(UInt8(ascii: ":")) {
            guard let whole = number(2), whole <= 60 else { return nil }
            second = Double(whole)
            if expect(UInt8(ascii: ".")) {
                var scale = 0.1
                var digits = 0
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                    second += Double(bytes[index] - 0x30) * scale
                    scale /= 10
                    index += 1
                    digits += 1
                }
                guard digits > 0 else { return nil }
            }
        }
        var offset: Int64 = 0
        if index < bytes.count {
            if expect(UInt8(ascii: "Z")) || expect(UInt8(ascii: "z")) {
                // UTC
            } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                let sign: Int64 = bytes[index] == UInt8(ascii: "+") ? 1 : -1
                index += 1
                guard let hours = number(2) else { return nil }
                _ = expect(UInt8(ascii: ":"))
                guard let minutes = number(2), hours <= 23, minutes <= 59 else { return nil }
                offset = sign * (hours * 3600 + minutes * 60)
            }
        }
        guard index == bytes.count else { return nil }
        let seconds = dayStart + Double(hour * 3600 + minute * 60) + second - Double(offset)
        return Parsed(seconds: seconds, dateOnly: false)
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
