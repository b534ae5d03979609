/// Whose eyes a tool call looks through (gong.md §1.3 "Authorization context"): a SHARED
/// integration "allows the AI agent to access all your Gong data"; a PERSONAL one only "the data
/// of the user who authorized the integration", limited to that user's permissions.
///
/// The integrator maps the integration's authorization context and the token's user onto this.
public enum AccessContext: Sendable, Hashable {
    case shared
    case personal(userID: String)
}
