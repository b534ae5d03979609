/// A Gong user of the company. Ids are numeric strings like Gong's user ids.
///
/// Fixture file `users.json`; see Fixtures/README.md.
public struct CompanyUser: Sendable, Hashable {
    public let id: String
    public let name: String
    public let email: String
    public let title: String
    public let seatType: SeatType
    /// Deactivated users keep their history (calls, deal ownership) but cannot authorise.
    public let active: Bool
    public let managerID: String?
    public let team: String
    public let permissionScope: PermissionScope

    public init(id: String, name: String, email: String, title: String, seatType: SeatType, active: Bool,
                managerID: String?, team: String, permissionScope: PermissionScope) {
        self.id = id
        self.name = name
        self.email = email
        self.title = title
        self.seatType = seatType
        self.active = active
        self.managerID = managerID
        self.team = team
        self.permissionScope = permissionScope
    }

    /// Whether this user may connect an MCP client (paid seat, active): gong.md §1.7.
    public var mayUseMCPServer: Bool { active && seatType == .paid }
}
