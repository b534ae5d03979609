import Essentials

/// The virtual clock's controls (issue #15 §3): one `AdjustableClock` drives codes, tokens,
/// sessions, the credit report, the `Date` header, logs and the tools' windows; this type reads
/// and moves it. Moving it back is allowed: codes and tokens then look younger, and company data
/// (anchored to the clock at load; re-anchored by reset, restore and `PUT /_mock/state`) looks newer.
public struct ClockControl: Sendable {
    public let clock: AdjustableClock

    public init(clock: AdjustableClock) { self.clock = clock }

    /// `2026-01-01T09:00:00Z` (fraction and ±HH:MM offset allowed) → seconds since the epoch.
    public static func parseInstant(_ text: String) -> Double? {
        guard let parsed = ISO8601Time.parse(text), !parsed.dateOnly else { return nil }
        return parsed.seconds
    }

    /// `"90s"`, `"11m"`, `"2h"`, `"3d"`, or a number of seconds; negative values move back.
    public static func parseDuration(_ value: JSONValue) -> Double? {
        if let number = value.doubleValue { return number.isFinite ? number : nil }
        guard var text = value.stringValue, text.count >= 2 else { return nil }
        let unit = text.removeLast()
        guard let amount = Double(text), amount.isFinite else { return nil }
        switch unit {
        case "s": return amount
        case "m": return amount * 60
        case "h": return amount * 3600
        case "d": return amount * 86400
        default: return nil
        }
    }

    /// Makes the clock read `instant` now (it keeps running from there).
    public func set(to instant: Double) { clock.setOffset(clock.offsetSeconds + instant - clock.now()) }

    public func advance(by seconds: Double) { clock.advance(by: seconds) }

    /// `GET /_mock/clock`.
    public var json: JSONValue {
        let now = clock.now()
        return ["now": .string(UTCTimestamp.iso8601(now)), "epochSeconds": .number(now.rounded(.down)), "offsetSeconds": .number(clock.offsetSeconds.rounded())]
    }
}
