/// A user's Gong seat (gong.md §1.7): only paid seats may connect to the MCP server;
/// "a team member with no seats assigned is a collaborator".
public enum SeatType: String, Sendable, Hashable, CaseIterable {
    case paid = "PAID"
    case collaborator = "COLLABORATOR"
}
