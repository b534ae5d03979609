/// What a charge is for: the descriptive columns of Gong's credit-usage report (gong.md §1.6).
public struct CreditUsage: Sendable, Hashable {
    /// "Feature type" (the mock writes `MCP server`).
    public let featureType: String
    /// "Feature name" (the tool: `ask_account`, `ask_deal`, `generate_brief`).
    public let featureName: String
    /// "Usage action" (`On demand` for tool calls; Gong writes `continuous` for smart trackers).
    public let usageAction: String
    /// "Integration": the name of the MCP integration used.
    public let integration: String
    /// "User ID": the Gong user the token belongs to (empty when none).
    public let userID: String
    /// The counts behind "Usage breakdown".
    public let breakdown: CreditUsageBreakdown
    /// "# of requests".
    public let requests: Int

    public init(featureType: String, featureName: String, usageAction: String, integration: String, userID: String,
                breakdown: CreditUsageBreakdown, requests: Int = 1) {
        self.featureType = featureType
        self.featureName = featureName
        self.usageAction = usageAction
        self.integration = integration
        self.userID = userID
        self.breakdown = breakdown
        self.requests = requests
    }

    /// "Usage breakdown": how many calls, emails and web searches were processed.
    public var usageBreakdown: String { breakdown.description }

    /// The usage of one MCP tool call.
    public static func toolCall(_ tool: String, caller: ToolCaller, usage: DataUsage,
                                pricing: CreditPricing) -> CreditUsage {
        CreditUsage(featureType: "MCP server", featureName: tool, usageAction: "On demand",
                    integration: caller.integrationName, userID: caller.userID ?? "",
                    breakdown: pricing.breakdownCounts(usage))
    }
}
