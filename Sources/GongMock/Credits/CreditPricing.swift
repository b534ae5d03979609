/// What a successful tool call costs, from the data it analysed (gong.md §1.6, §2.4):
///
/// - E-mails: 0.1 credit each ("10 emails consume 1 credit"): Gong's published rate.
/// - Calls: Gong's call rate is **not public** (the help page is cut off at "Calls longer than 10
///   minutes co…"). The mock defaults to 1 credit for a call longer than 10 minutes and 0.5 for a
///   shorter one (a third-party estimate, "~0.5–1 credit"); both rates and the threshold are
///   configurable.
/// - ask_account / ask_deal: the data cost.
/// - generate_brief: the data cost × the number of OPEN_ENDED sections ("each open-ended section
///   performs its own analysis"); SMART_TRACKER sections are free ("the data has already been
///   analyzed"), so a brief made only of tracker sections costs 0, plus web searches at
///   `webSearchRate` each (the mock's briefs never search the web).
/// - Identical repeated calls cost the same again (no caching); failed calls cost nothing.
public struct CreditPricing: Sendable, Hashable {
    public var emailRate: CreditAmount
    public var longCallRate: CreditAmount
    public var shortCallRate: CreditAmount
    /// A call strictly longer than this many seconds is "long".
    public var longCallThresholdSeconds: Int
    public var webSearchRate: CreditAmount

    public init(emailRate: CreditAmount = 0.1, longCallRate: CreditAmount = 1, shortCallRate: CreditAmount = 0.5,
                longCallThresholdSeconds: Int = 600, webSearchRate: CreditAmount = 5) {
        self.emailRate = emailRate
        self.longCallRate = longCallRate
        self.shortCallRate = shortCallRate
        self.longCallThresholdSeconds = longCallThresholdSeconds
        self.webSearchRate = webSearchRate
    }

    public static let `default` = CreditPricing()

    public func isLong(durationSeconds: Int) -> Bool { durationSeconds > longCallThresholdSeconds }

    /// The cost of analysing the calls and e-mails once.
    public func dataCost(_ usage: DataUsage) -> CreditAmount {
        let long = usage.callDurations.filter(isLong).count
        let short = usage.callDurations.count - long
        return longCallRate * long + shortCallRate * short + emailRate * usage.emailCount
    }

    /// The cost of the whole request (see the type's documentation for the rules).
    public func cost(of usage: DataUsage) -> CreditAmount {
        let data = dataCost(usage)
        guard usage.isBrief else { return data }
        return data * usage.openEndedSections + webSearchRate * usage.webSearches
    }

    /// The credit report's "Usage breakdown": how many calls, emails and web searches were processed.
    public func breakdown(_ usage: DataUsage) -> String { breakdownCounts(usage).description }

    /// The counts behind the "Usage breakdown" text (what a ledger row stores).
    public func breakdownCounts(_ usage: DataUsage) -> CreditUsageBreakdown {
        CreditUsageBreakdown(calls: usage.callCount, longCalls: usage.callDurations.filter(isLong).count,
                             longCallThresholdMinutes: longCallThresholdSeconds / 60, emails: usage.emailCount,
                             webSearches: usage.webSearches, openEndedSections: usage.isBrief ? usage.openEndedSections : 0,
                             smartTrackerSections: usage.isBrief ? usage.smartTrackerSections : 0)
    }
}
