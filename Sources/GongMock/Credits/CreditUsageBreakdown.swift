/// The numbers behind the credit report's "Usage breakdown" column (gong.md §1.6): stored as
/// counts so a ledger row stays a few bytes; the text is formatted only when a report is read.
public struct CreditUsageBreakdown: Sendable, Hashable, CustomStringConvertible {
    public var calls: Int
    /// Calls longer than `longCallThresholdMinutes`.
    public var longCalls: Int
    public var longCallThresholdMinutes: Int
    public var emails: Int
    public var webSearches: Int
    public var openEndedSections: Int
    public var smartTrackerSections: Int

    public init(calls: Int = 0, longCalls: Int = 0, longCallThresholdMinutes: Int = 10, emails: Int = 0,
                webSearches: Int = 0, openEndedSections: Int = 0, smartTrackerSections: Int = 0) {
        self.calls = calls
        self.longCalls = longCalls
        self.longCallThresholdMinutes = longCallThresholdMinutes
        self.emails = emails
        self.webSearches = webSearches
        self.openEndedSections = openEndedSections
        self.smartTrackerSections = smartTrackerSections
    }

    /// Whether the usage was a brief's (briefs always have at least one section).
    public var isBrief: Bool { openEndedSections + smartTrackerSections > 0 }

    /// `5 calls (3 over 10 min), 7 emails, 0 web searches`, plus the sections for a brief.
    public var description: String {
        var text = Self.count(calls, "call") + " (\(longCalls) over \(longCallThresholdMinutes) min), "
            + Self.count(emails, "email") + ", " + Self.count(webSearches, "web search", plural: "web searches")
        if isBrief {
            text += "; " + Self.count(openEndedSections, "open-ended section") + ", "
                + Self.count(smartTrackerSections, "smart-tracker section")
        }
        return text
    }

    private static func count(_ number: Int, _ singular: String, plural: String? = nil) -> String {
        "\(number) " + (number == 1 ? singular : plural ?? singular + "s")
    }
}
