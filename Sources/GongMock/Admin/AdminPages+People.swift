import HTTPServer

/// People → Users.
extension AdminPages {
    func installUserPages(into router: inout Router) {
        get(&router, "/admin/users") { _, _, session in usersPage(session) }
    }

    func usersPage(_ session: AdminSession) -> HTTPResponse {
        var html = "<p class=\"hint\">Each person who connects an MCP client needs a paid Gong seat. Collaborator seats cannot connect.</p>"
        var table = HTMLTable(label: "Users", columns: ["Name", "Email", "Title", "Team", "Manager", "Seat", "Data access", "Status", "User ID"])
        let company = self.company.current
        for user in company.users {
            let manager = user.managerID.flatMap { company.user(id: $0)?.name } ?? "—"
            let seat = user.seatType == .paid ? "Paid" : "Collaborator"
            let scope: String
            switch user.permissionScope {
            case .all: scope = "All data"
            case .team: scope = "Team"
            case .own: scope = "Own"
            }
            table.addRow([.text(user.name), .text(user.email), .text(user.title), .text(user.team), .text(manager), .text(seat), .text(scope),
                          .text(user.active ? "Active" : "Deactivated"), .text(user.id, class: "mono")])
        }
        html += table.html
        return AdminLayout.page(title: "Users", section: .users, crumbs: [("Admin center", "/admin"), ("People", nil)], session: session, body: html)
    }
}
