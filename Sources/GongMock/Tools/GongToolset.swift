/// Which of Gong's MCP tools the mock serves (`gong-mock serve --tools`).
///
/// `2026-06` is the set help.gong.io has described since launch ("About Gong MCP server":
/// ask_account, ask_deal, generate_brief). `2026-11` adds the two tools the credit page of
/// 2026-11-17 names, `research_conversations` and `search_conversations` (gong.md §1.6); their
/// arguments, answers and scope are the mock's assumptions (README "Fidelity").
public enum GongToolset: String, Sendable, CaseIterable {
    case launch = "2026-06"
    case november2026 = "2026-11"

    public static let `default` = GongToolset.launch

    /// The tool names served, in `tools/list` order.
    public var toolNames: [String] {
        switch self {
        case .launch: [GongToolCatalog.askAccount, GongToolCatalog.askDeal, GongToolCatalog.generateBrief]
        case .november2026: GongToolset.launch.toolNames + [GongToolCatalog.researchConversations, GongToolCatalog.searchConversations]
        }
    }
}
