import HTTPServer

/// People → Users.
extension AdminPages {
    func installUserPages(into router: inout Router) {
        get(&router, "/admin/users") { _, _, session in usersPage(session) }
    }

    func usersPage(_ session: AdminSession) -> HTTPResponse {
        var html = "<p class=\"hint\">Each person who connects an MCP client needs a paid Gong seat. Collaborator seats cannot connect.</p>"
        var table = "<table><thead><tr><th>Name</th><th>Email</th><th>Title</th><th>Team</th><th>Manager</th><th>Seat</th><th>Data access</th><th>Status</th><th>User ID</th></tr></thead><tbody>"
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
            table += "<tr><td>\(HTML.escape(user.name))</td><td>\(HTML.escape(user.email))</td><td>\(HTML.escape(user.title))</td>"
            table += "<td>\(HTML.escape(user.team))</td><td>\(HTML.escape(manager))</td><td>\(seat)</td><td>\(scope)</td>"
            table += "<td>\(user.active ? "Active" : "Deactivated")</td><td class=\"mono\">\(HTML.escape(user.id))</td></tr>"
        }
        html += AdminLayout.scrollingTable(label: "Users", table + "</tbody></table>")
        return AdminLayout.page(title: "Users", section: .users, crumbs: [("Admin center", "/admin"), ("People", nil)], session: session, body: html)
    }
}
