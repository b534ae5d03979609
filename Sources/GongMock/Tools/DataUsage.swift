/// What one successful tool call analysed: the basis of its Gong-credit cost (gong.md §1.6:
/// "Credit consumption is based on the amount of data analyzed") and of the usage report's
/// "Usage breakdown".
public struct DataUsage: Sendable, Hashable {
    /// Duration in seconds of every call analysed (the call rate depends on the 10-minute mark).
    public let callDurations: [Int]
    public let emailCount: Int
    /// Brief sections that each re-analyse the conversations (0 for asks).
    public let openEndedSections: Int
    /// Brief sections served from tracker results (free).
    public let smartTrackerSections: Int
    /// Web searches performed (always 0: the mock's briefs never search the web).
    public let webSearches: Int

    public init(callDurations: [Int], emailCount: Int, openEndedSections: Int = 0, smartTrackerSections: Int = 0,
                webSearches: Int = 0) {
        self.callDurations = callDurations
        self.emailCount = emailCount
        self.openEndedSections = openEndedSections
        self.smartTrackerSections = smartTrackerSections
        self.webSearches = webSearches
    }

    public var callCount: Int { callDurations.count }

    /// Whether this is a brief's usage (briefs always have at least one section).
    public var isBrief: Bool { openEndedSections + smartTrackerSections > 0 }
}
