import CryptoPrimitives
import Essentials
import HTTPServer

/// Admin center → Reports → Client flows (`/admin/flows`): each client by integration name and
/// client ID, its verdicts (failures first), the claims of its latest access token, and each
/// flow's timeline with links to the entries and to a HAR download. Behind the admin session
/// cookie; the journal downloads here are the cookie-gated twins of `/_mock/journal`. Every value
/// shown is redacted as in the journal. No JavaScript.
struct AdminFlowsPage: Sendable {
    static let path = "/admin/flows"
    let auth: AdminAuth
    let journal: Journal
    let context: @Sendable () -> VerdictContext
    let baseURL: String

    func install(into router: inout Router) {
        let auth = self.auth
        router.get(Self.path) { [self] request, _ in
            guard let session = auth.session(for: request) else { throw AdminSignInChallenge() }
            return page(session, clientID: request.queryValue("client"))
        }
        router.get(Self.path + "/journal") { [self] request, _ in
            guard auth.session(for: request) != nil else { throw AdminSignInChallenge() }
            let filter = try JournalFilter.parse(request.queryItems)
            var body: [UInt8] = []
            for entry in journal.entries(filter) { body += entry.jsonLine() }
            return HTTPResponse(status: .ok, headers: ["Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store",
                                                       "X-Content-Type-Options": "nosniff"], bytes: body)
        }
        router.get(Self.path + "/har") { [self] request, _ in
            guard auth.session(for: request) != nil else { throw AdminSignInChallenge() }
            let filter = try JournalFilter.parse(request.queryItems)
            let document = JournalHAR.document(journal.entries(filter), baseURL: baseURL, version: GongMockApplication.version)
            var headers: HTTPHeaders = ["Cache-Control": "no-store"]
            headers.add("Content-Disposition", "attachment; filename=\"gong-mock\(filter.flowID.map { "-" + $0 } ?? "").har\"")
            return .json(JSONSerializer.bytes(document), headers: headers)
        }
    }

    func page(_ session: AdminSession, clientID: String?) -> HTTPResponse {
        let entries = journal.entries()
        let reports = ClientReport.build(entries, context: context(), clientID: clientID)
        var html = "<style>\(Self.css)</style>"
        html += "<p class=\"hint\">Every request the mock answered, grouped by OAuth client into flows (discovery → authorize → consent → token → refresh → MCP initialize → tool calls), with checks of what the client did right and wrong. Secrets show as a prefix and their length. "
        html += "<a href=\"\(Self.path)/journal\">Whole journal (JSONL)</a> · <a href=\"\(Self.path)/har\">Whole journal (HAR)</a></p>"
        if !journal.isEnabled {
            html += "<div class=\"card\"><p>The journal is off (<code>--journal-size 0</code>): no flows are recorded.</p></div>"
        } else if reports.isEmpty {
            html += "<div class=\"card\"><p>No client has made a request yet. Point an MCP client at <code>\(HTML.escape(baseURL))/mcp</code>.</p></div>"
        }
        for report in reports { html += section(report) }
        let loose = entries.filter { $0.clientID == nil }
        if clientID == nil, !loose.isEmpty {
            html += "<h2 id=\"unattributed\">Not tied to a client (\(loose.count))</h2><p class=\"hint\">Discovery requests join the next authorization from the same address and User-Agent within 5 minutes; these were not claimed, and the mock does not guess.</p>"
            html += timeline(Array(loose.suffix(30)), label: "Requests not tied to a client")
        }
        return AdminLayout.page(title: "Client flows", section: .flows, crumbs: [("Admin center", "/admin"), ("Client flows", nil)], session: session, body: html)
    }

    private func section(_ report: ClientReport) -> String {
        let failed = report.verdicts.filter { $0.status == .fail }.count
        let anchor = "client-" + HTML.escape(report.clientID)
        var html = "<section class=\"card client\" id=\"\(anchor)\"><h2>\(HTML.escape(report.integrationName ?? "Unknown integration")) "
        html += "<span class=\"hint\">client <code>\(HTML.escape(report.clientID))</code></span></h2>"
        html += "<p class=\"summary\">\(failed == 0 ? "<span class=\"tag ok\">no failures</span>" : "<span class=\"tag bad\">\(failed) failed</span>") · \(report.flows.count) flow(s) · \(report.entries.count) request(s)</p>"
        var verdicts = HTMLTable(label: "Verdicts for \(report.clientID)", columns: ["Check", "Status", "Why", "Entries"], class: "verdicts")
        for verdict in ClientVerdicts.ordered(report.verdicts) {
            let links = verdict.entries.prefix(8).map { "<a href=\"#seq-\($0)\">\($0)</a>" }.joined(separator: " ")
            verdicts.addRow([.markup("<code>\(HTML.escape(verdict.id))</code>"),
                             .markup("<span class=\"tag \(Self.tagClass(verdict.status))\">\(verdict.status.rawValue)</span>"),
                             .markup("\(HTML.escape(verdict.reason))<div class=\"hint\">\(HTML.escape(verdict.rule))</div>"), .markup(links)],
                            class: "verdict-\(verdict.status.rawValue)\(verdict.status == .fail ? " bad" : "")")
        }
        html += verdicts.html
        if let claims = Self.latestClaims(report.entries) {
            html += "<h3>Latest access token's claims</h3><table class=\"claims\"><tbody>"
            for (name, value) in claims {
                html += "<tr><th>\(HTML.escape(name))</th><td><code>\(HTML.escape(value))</code></td></tr>"
            }
            html += "</tbody></table>"
        }
        for flow in report.flows {
            let query = "flow=" + URLEncodedForm.percentEncode(flow.id)
            html += "<h3>\(HTML.escape(flow.id)) <span class=\"hint\">\(HTML.escape(flow.stages.joined(separator: " → ")))</span></h3>"
            html += "<p><a class=\"btn secondary\" href=\"\(Self.path)/har?\(query)\">Download HAR</a> <a class=\"btn secondary\" href=\"\(Self.path)/journal?\(query)\">Entries (JSONL)</a></p>"
            html += timeline(report.entries.filter { $0.flowID == flow.id }, label: "Timeline of \(flow.id)")
        }
        return html + "</section>"
    }

    private func timeline(_ entries: [JournalEntry], label: String) -> String {
        var table = HTMLTable(label: label, columns: ["#", "Time", "Step", "Request", "Status", "Details"], class: "timeline")
        for entry in entries {
            var details: [String] = []
            if let tool = entry.mcp?.tool { details.append("tool <code>\(HTML.escape(tool))</code>") }
            if let credits = entry.credits { details.append("\(AdminFormat.number(credits)) credits") }
            if let refusal = entry.refusal { details.append("<span class=\"refusal\"><code>\(HTML.escape(refusal.rule))</code> \(HTML.escape(refusal.text))</span>") }
            let query = entry.query.map { "?" + JournalRedaction.query($0) } ?? ""
            table.addRow([.text("\(entry.seq)"), .text(Self.clockTime(entry.time), class: "mono"), .text(entry.stage),
                          .text("\(entry.method) \(entry.path + query)", class: "mono"), .text("\(entry.status)"), .markup(details.joined(separator: "<br>"))],
                         id: "seq-\(entry.seq)", class: entry.status >= 400 ? "bad" : nil)
        }
        return table.html
    }

    static func tagClass(_ status: ClientVerdict.Status) -> String {
        switch status {
        case .pass: return "ok"
        case .fail: return "bad"
        case .notSeen: return "muted"
        }
    }

    /// The claims of the newest access token this client received (signature already checked
    /// by the server when it was issued; shown, not trusted). The `jti` is shown redacted.
    static func latestClaims(_ entries: [JournalEntry]) -> [(String, String)]? {
        for entry in entries.reversed() where entry.isTokenRequest && entry.status == 200 {
            guard let json = try? JSONParser.parse(entry.response.body), let token = json["access_token"]?.stringValue else { continue }
            let parts = token.split(separator: ".")
            guard parts.count == 3, let payload = Base64URL.decode(String(parts[1])), let claims = try? JSONParser.parse(payload),
                  let object = claims.objectValue else { continue }
            return object.members.map { name, value in
                let text = value.stringValue ?? JSONSerializer.string(value)
                if name == "jti" { return (name, Redact.prefixed(text)) }
                if ["iat", "exp", "nbf", "auth_time"].contains(name), let seconds = value.doubleValue {
                    return (name, "\(Int(seconds)) (\(UTCTimestamp.iso8601(seconds)))")
                }
                return (name, text)
            }
        }
        return nil
    }

    static func clockTime(_ seconds: Double) -> String {
        let iso = UTCTimestamp.iso8601(seconds)
        return String(iso.dropFirst(11).dropLast())
    }

    /// Only what the shared stylesheet has no rule for: headings inside a client's card; on a
    /// wide screen readable minimum widths (a phone shows each row as a card instead), on a phone
    /// each claim's name above its value (long names such as `gong_authorization_context`).
    static let css = """
    .client>h2{margin-top:0}.client h3{font-size:14px;margin:18px 0 6px}.summary{margin:0 0 10px}.tag{white-space:nowrap}
    @media (min-width:761px){table.claims th{width:220px}table.verdicts{min-width:680px}table.timeline{min-width:760px}
    table.verdicts td:first-child code{white-space:nowrap;word-break:normal}}
    @media (max-width:760px){table.claims th,table.claims td{display:block}table.claims th{border-bottom:0;padding-bottom:0}}
    """
}
