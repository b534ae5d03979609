import Essentials

/// The admin API and pages read and set the company pool through the ledger itself.
extension CreditLedger: AdminCreditsProvider {
    public var creditBalance: Double { balance.credits }
    public var creditTotal: Double { total.credits }

    public func setCredits(balance: Double, total: Double) throws(CreditAdjustmentError) {
        guard balance.isFinite, total.isFinite, balance >= 0, total >= 0 else {
            throw CreditAdjustmentError("balance and total must be finite, non-negative numbers of credits")
        }
        if case .failure(let error) = setBalance(CreditAmount(credits: balance), total: CreditAmount(credits: total)) {
            throw CreditAdjustmentError(error.description)
        }
    }

    public func creditUsageReport() -> CreditUsageReport {
        CreditUsageReport { (visit: ([JSONValue]) -> Bool) throws(CreditAdjustmentError) in
            do {
                try self.visitUsageRows { row in visit(Self.reportCells(row)) }
            } catch {
                throw CreditAdjustmentError("the credit-usage report could not be read: \(error)")
            }
        }
    }

    /// One row in Gong's column order; the breakdown text is formatted here, at read time.
    static func reportCells(_ row: CreditUsageRow) -> [JSONValue] {
        [.string(UTCCalendar.isoString(row.usageTime)), .string(row.usage.featureType), .string(row.usage.featureName),
         .string(row.usage.usageAction), .string(row.usage.integration), .string(row.usage.userID),
         .number(row.creditsUsed.credits), .string(row.usage.usageBreakdown), .number(Double(row.usage.requests))]
    }
}
