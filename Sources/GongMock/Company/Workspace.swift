/// A Gong workspace: the `workspaceId` the ask-entity and get-brief APIs take (gong.md §2.1).
///
/// Gong workspace ids are 64-bit integers; they are kept as strings because a JSON number
/// (an IEEE double) cannot carry 19 significant digits exactly.
public struct Workspace: Sendable, Hashable {
    public let id: String
    public let name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
