#if canImport(Glibc)
import Glibc
#endif
import Essentials

/// The `Date` header value (IMF-fixdate, RFC 9110 §5.6.7), formatted once per second per loop.
struct HTTPDateCache {
    private var second: Int = -1
    private(set) var bytes: [UInt8] = []

    private static let days: [StaticString] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months: [StaticString] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Sun, 06 Nov 1994 08:49:37 GMT` for the clock's current second.
    mutating func current(clock: any ServerClock) -> [UInt8] {
        let now = Int(clock.nowSeconds())
        if now != second {
            second = now
            bytes = Self.format(now)
        }
        return bytes
    }

    static func format(_ seconds: Int) -> [UInt8] {
        var value = seconds
        var parts = tm()
        gmtime_r(&value, &parts)
        var out: [UInt8] = []
        out.reserveCapacity(29)
        func appendStatic(_ text: StaticString) {
            out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        func twoDigits(_ number: Int32) {
            out.append(UInt8(0x30 + number / 10 % 10))
            out.append(UInt8(0x30 + number % 10))
        }
        appendStatic(days[Int(parts.tm_wday) % 7])
        appendStatic(", ")
        twoDigits(parts.tm_mday)
        out.append(0x20)
        appendStatic(months[Int(parts.tm_mon) % 12])
        out.append(0x20)
        let year = parts.tm_year + 1900
        twoDigits(year / 100)
        twoDigits(year % 100)
        out.append(0x20)
        twoDigits(parts.tm_hour)
        out.append(0x3A)
        twoDigits(parts.tm_min)
        out.append(0x3A)
        twoDigits(parts.tm_sec)
        appendStatic(" GMT")
        return out
    }
}
