import Essentials
import HTTPServer

/// Settings → Reports → Gong credits.
extension AdminPages {
    func installCreditPages(into router: inout Router) {
        get(&router, "/admin/settings/credits") { request, _, session in
            creditsPage(session, notice: Self.notice(request), errors: [], enteredBalance: nil)
        }
        post(&router, "/admin/settings/credits") { _, _, session, form in
            let text = RedirectURIRules.trim(form.value("balance") ?? "")
            guard let balance = Double(text), balance.isFinite, balance >= 0 else {
                return creditsPage(session, notice: nil, errors: ["Credit balance must be a number greater than or equal to 0 (got \"\(text)\")."],
                                   enteredBalance: text, status: .badRequest)
            }
            let total = max(credits.creditTotal, balance)
            do throws(CreditAdjustmentError) {
                try credits.setCredits(balance: balance, total: total)
            } catch {
                return creditsPage(session, notice: nil, errors: [error.message], enteredBalance: text, status: .internalServerError)
            }
            logger.info("credit balance set", [("balance", AdminFormat.number(balance)), ("via", "page")])
            return .redirect(to: "/admin/settings/credits?notice=credits", status: .seeOther)
        }
        get(&router, "/admin/settings/credits/usage.csv") { _, _, _ in
            do throws(CreditAdjustmentError) {
                return .text(try credits.creditUsageReport().csv(), headers: [
                    "Content-Type": "text/csv; charset=utf-8",
                    "Content-Disposition": "attachment; filename=\"credit-usage.csv\"",
                    "Cache-Control": "no-store",
                ])
            } catch {
                return .text(error.message, status: .internalServerError)
            }
        }
    }

    /// Rows the page lists (the latest ones); a long report is read in full only by the export.
    static let creditRowsShown = 200

    func creditsPage(_ session: AdminSession, notice: String?, errors: [String], enteredBalance: String?,
                     status: HTTPStatus = .ok) -> HTTPResponse {
        let report = credits.creditUsageReport()
        let shown: (rows: [[JSONValue]], count: Int)
        var errors = errors
        do throws(CreditAdjustmentError) {
            shown = try report.tail(Self.creditRowsShown)
        } catch {
            shown = ([], 0)
            errors.append(error.message)
        }
        var html = AdminLayout.notice(notice) + AdminLayout.errorList(errors)
        html += "<div class=\"card\"><table><tr><th>The number of credits remaining</th><td class=\"big\" id=\"credit-balance\">\(AdminFormat.number(credits.creditBalance))</td></tr>"
        html += "<tr><th>The total number of credits</th><td class=\"big\" id=\"credit-total\">\(AdminFormat.number(credits.creditTotal))</td></tr></table></div>"
        html += "<form method=\"post\" action=\"/admin/settings/credits\" class=\"card\">" + AdminLayout.csrfField(session)
        html += "<label for=\"balance\">Set credit balance <span class=\"hint\">(mock only: the total rises if the balance exceeds it)</span></label>"
        html += "<input type=\"text\" inputmode=\"decimal\" id=\"balance\" name=\"balance\" value=\"\(HTML.escape(enteredBalance ?? AdminFormat.number(credits.creditBalance)))\">"
        html += "<p><button type=\"submit\">Save</button></p></form>"
        html += "<h2>Credit usage</h2><p><a class=\"btn secondary\" href=\"/admin/settings/credits/usage.csv\">Export report (CSV)</a></p>"
        if shown.count > shown.rows.count {
            html += "<p class=\"hint\">The latest \(shown.rows.count) of \(shown.count) rows; the CSV export has them all.</p>"
        }
        if shown.rows.isEmpty {
            html += "<div class=\"card\"><p>No credits used yet.</p></div>"
        } else {
            var table = HTMLTable(label: "Credit usage", columns: report.columns)
            for row in shown.rows {
                table.addRow(row.map { value in
                    switch value {
                    case .string(let string): return .text(string)
                    case .null: return .text("")
                    default: return .text(JSONSerializer.string(value))
                    }
                })
            }
            html += table.html
        }
        return AdminLayout.page(title: "Gong credits", section: .credits, crumbs: [("Admin center", "/admin"), ("Settings", "/admin/settings"), ("Reports", nil)],
                                session: session, body: html, status: status)
    }
}
