import Essentials

/// UTC ISO 8601 text for clock seconds, for refusal messages ("token expired at …"). Computed
/// from the civil calendar directly (H. Hinnant's days-from-civil inverse) so no formatter or
/// time-zone database is involved.
enum Timestamp {
    static func iso8601(_ seconds: Double) -> String { UTCTimestamp.iso8601(seconds) }
}
