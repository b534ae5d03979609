import Essentials
import HTTPServer

/// Credit routes of the admin API.
extension AdminAPI {
    func creditsSnapshot() -> HTTPResponse {
        ok(["balance": .number(credits.creditBalance), "total": .number(credits.creditTotal)])
    }

    /// `{"balance": n}` sets the remaining credits; `"total"` is optional. When the new balance
    /// exceeds the total and no total is given, the total rises to the balance.
    func putCredits(_ request: HTTPRequest, _ context: RequestContext) throws(AdminAPIError) -> HTTPResponse {
        let body = try AdminRequestBody(request, allowed: ["balance", "total"])
        _ = try body.require("balance")
        let balance = try body.number("balance") ?? 0
        let total = try body.number("total") ?? max(credits.creditTotal, balance)
        try Self.validateCredits(balance: balance, total: total)
        do {
            try credits.setCredits(balance: balance, total: total)
        } catch {
            throw AdminAPIError(.internalServerError, "storage_failed", error.message)
        }
        logger.info("credit balance set", [("balance", AdminFormat.number(balance)), ("total", AdminFormat.number(total))])
        return creditsSnapshot()
    }

    static func validateCredits(balance: Double, total: Double) throws(AdminAPIError) {
        guard balance.isFinite, balance >= 0 else { throw .badRequest("invalid_value", "Member 'balance' must be a number >= 0.") }
        guard total.isFinite, total >= 0 else { throw .badRequest("invalid_value", "Member 'total' must be a number >= 0.") }
        guard balance <= total else {
            throw .badRequest("invalid_value", "The balance (\(AdminFormat.number(balance))) cannot exceed the total (\(AdminFormat.number(total))).")
        }
    }

    func creditUsage(_ request: HTTPRequest, _ context: RequestContext) throws(AdminAPIError) -> HTTPResponse {
        let format = request.queryValue("format") ?? "json"
        guard format == "json" || format == "csv" else {
            throw .badRequest("invalid_value", "Query parameter 'format' must be \"json\" or \"csv\", got \"\(format)\".")
        }
        let report = credits.creditUsageReport()
        do throws(CreditAdjustmentError) {
            if format == "json" { return .json(try report.jsonBytes(), headers: ["Cache-Control": "no-store"]) }
            return .text(try report.csv(), headers: [
                "Content-Type": "text/csv; charset=utf-8",
                "Content-Disposition": "attachment; filename=\"credit-usage.csv\"",
                "Cache-Control": "no-store",
            ])
        } catch {
            throw AdminAPIError(.internalServerError, "storage_failed", error.message)
        }
    }
}
