/// How much company data a user may see in Gong, and therefore what a PERSONAL-context MCP
/// integration authorised by that user may reach (gong.md §1.3: "Data access is limited to
/// the permissions of that user"). The exact rules are in `AccessScope`.
public enum PermissionScope: String, Sendable, Hashable, CaseIterable {
    /// Every account, deal, contact, call and email of the company.
    case all = "ALL"
    /// What the user's team owns or took part in (team = users with the same `team` value).
    case team = "TEAM"
    /// What the user owns or took part in.
    case own = "OWN"
}
