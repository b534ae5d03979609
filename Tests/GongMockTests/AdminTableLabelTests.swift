import Essentials
import HTTPServer
import Testing
@testable import GongMock

/// The admin center's wide tables read on a phone: every one is an `HTMLTable` (`table.stack`),
/// and every cell of every row carries its column's header as `data-label`, which the stylesheet
/// shows as the cell's caption once a row becomes a card.
@Suite struct AdminTableLabelTests {
    /// One table as the page wrote it: its header texts and each row's cells' `data-label`s.
    struct Table {
        let classes: String
        let headers: [String]
        let rows: [[String?]]
    }

    /// Every `<table>` with a header row in `html` (the key/value tables have none).
    static func tables(_ html: String) throws -> [Table] {
        let tablePattern = try Regex(#"<table class="([^"]*)"><thead>(.*?)</thead><tbody>(.*?)</tbody></table>"#)
        let headerPattern = try Regex(#"<th[^>]*>(.*?)</th>"#)
        let cellPattern = try Regex(#"<td([^>]*)>"#)
        let labelPattern = try Regex(#"data-label="([^"]*)""#)
        var found: [Table] = []
        for match in html.matches(of: tablePattern) {
            let classes = match.output[1].substring.map(String.init) ?? ""
            let head = match.output[2].substring.map(String.init) ?? ""
            let body = match.output[3].substring.map(String.init) ?? ""
            let headers = head.matches(of: headerPattern).compactMap { $0.output[1].substring.map(String.init) }
            let rows = body.split(separator: "<tr").map { row in
                row.matches(of: cellPattern).map { cell -> String? in
                    let attributes = cell.output[1].substring.map(String.init) ?? ""
                    return attributes.firstMatch(of: labelPattern)?.output[1].substring.map(String.init)
                }
            }
            found.append(Table(classes: classes, headers: headers, rows: rows))
        }
        return found
    }

    /// The page's tables with a header row: at least `expected` of them, each a `table.stack` with
    /// rows whose every cell's label is its column's header (escaped alike).
    static func expectLabelled(_ html: String, page: String, expected: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let tables = try tables(html)
        #expect(tables.count >= expected, "\(page): \(tables.count) header tables", sourceLocation: sourceLocation)
        #expect(html.ranges(of: "<thead>").count == tables.count, "\(page): a header table the check did not parse", sourceLocation: sourceLocation)
        for table in tables {
            #expect(table.classes.split(separator: " ").contains("stack"), "\(page): table \(table.classes) is not an HTMLTable", sourceLocation: sourceLocation)
            #expect(!table.headers.isEmpty && !table.rows.isEmpty, "\(page): empty table", sourceLocation: sourceLocation)
            for row in table.rows {
                #expect(row == table.headers.map(Optional.some), "\(page): labels \(row) ≠ headers \(table.headers)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func integrationsUsersAndCreditsCellsCarryTheirHeaders() throws {
        let admin = try AdminHarness()
        let created = try admin.call(.post, "/admin/api/integrations",
                                     json: #"{"name":"Ops <\"team\"> & co","redirectURIs":["https://agent.example.com/oauth/callback/with/a/long/path"]}"#)
        #expect(created.status == .created)
        let login = try admin.router.respond(to: HTTPRequest(method: .get, target: "/admin/login?token=test-login-token-0123456789"), context: RequestContext())
        let cookie = try #require(login.headers["Set-Cookie"]?.split(separator: ";").first.map(String.init))
        func page(_ path: String) throws -> String {
            try admin.router.respond(to: HTTPRequest(method: .get, target: path, headers: ["Cookie": cookie]), context: RequestContext()).bodyText
        }
        let integrations = try page("/admin/settings/ecosystem/mcp")
        try Self.expectLabelled(integrations, page: "integrations", expected: 1)
        #expect(integrations.contains(#"<td data-label="Integration name">Ops &lt;&quot;team&quot;&gt; &amp; co</td>"#))
        #expect(integrations.contains(#"<td class="actions" data-label="Actions">"#))
        try Self.expectLabelled(try page("/admin/users"), page: "users", expected: 1)
        let credits = try page("/admin/settings/credits")
        try Self.expectLabelled(credits, page: "credits", expected: 1)
        let usage = try #require(try Self.tables(credits).first)
        #expect(usage.headers == admin.credits.creditUsageReport().columns.map(HTML.escape))
    }

    @Test func flowVerdictsAndTimelinesCellsCarryTheirHeaders() throws {
        let harness = try GongMockHarness()
        let client = VerdictClient(harness)
        client.discover()
        #expect(client.authorize())
        client.initialize()
        client.callTool()
        let cookie = AdminFlowsPageTests.signIn(harness)
        let html = GongMockHarness.bodyText(harness.send(.get, "/admin/flows", headers: cookie))
        // The client's verdicts and at least one flow's timeline.
        try Self.expectLabelled(html, page: "flows", expected: 2)
        let tables = try Self.tables(html)
        #expect(tables.contains { $0.classes == "stack verdicts" && $0.headers == ["Check", "Status", "Why", "Entries"] })
        #expect(tables.contains { $0.classes == "stack timeline" && $0.headers == ["#", "Time", "Step", "Request", "Status", "Details"] })
    }
}
