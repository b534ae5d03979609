import Essentials
import Synchronization

/// Writes every credit change through to the SQLite state before the ledger acknowledges it
/// (`synchronous=FULL`: a charge that was answered is on disk), and reads the pool back at start.
public final class StateCreditJournal: CreditLedgerJournal {
    let database: StateDatabase
    /// The pool total as last written: the ledger calls `record` under its own lock, so the
    /// journal keeps the total it needs for the balance row instead of asking the ledger.
    private let total: Mutex<Double>

    public init(database: StateDatabase, total: Double) {
        self.database = database
        self.total = Mutex(total)
    }

    public func record(_ change: CreditLedgerChange) throws {
        switch change {
        case .charged(let row):
            try database.recordCreditUsage(Self.encode(row), recordedAt: row.usageTime,
                                           balance: row.balanceAfter.credits, total: total.withLock { $0 })
        case .poolSet(let balance, let newTotal):
            try database.saveCreditBalance(balance: balance.credits, total: newTotal.credits)
            total.withLock { $0 = newTotal.credits }
        }
    }

    static func encode(_ row: CreditUsageRow) -> JSONValue {
        [
            "version": 1, "sequence": .number(Double(row.sequence)), "usageTime": .number(row.usageTime),
            "featureType": .string(row.usage.featureType), "featureName": .string(row.usage.featureName),
            "usageAction": .string(row.usage.usageAction), "integration": .string(row.usage.integration),
            "userID": .string(row.usage.userID), "usageBreakdown": .string(row.usage.usageBreakdown),
            "requests": .number(Double(row.usage.requests)),
            "creditsUsedHundredths": .number(Double(row.creditsUsed.hundredths)),
            "balanceAfterHundredths": .number(Double(row.balanceAfter.hundredths)),
        ]
    }

    static func decode(_ value: JSONValue, path: String) throws(StateDatabaseError) -> CreditUsageRow {
        func field(_ name: String) throws(StateDatabaseError) -> JSONValue {
            guard let member = value[name] else { throw StateDatabaseError(.corrupt, path: path, "credit_usage row has no \(name)") }
            return member
        }
        guard value["version"]?.intValue == 1 else {
            throw StateDatabaseError(.corrupt, path: path, "credit_usage row has unknown format version \(value["version"].map { $0.description } ?? "none")")
        }
        guard let sequence = try field("sequence").intValue, let time = try field("usageTime").doubleValue,
              let used = try field("creditsUsedHundredths").intValue, let after = try field("balanceAfterHundredths").intValue,
              let requests = try field("requests").intValue,
              let featureType = try field("featureType").stringValue, let featureName = try field("featureName").stringValue,
              let action = try field("usageAction").stringValue, let integration = try field("integration").stringValue,
              let user = try field("userID").stringValue, let breakdown = try field("usageBreakdown").stringValue else {
            throw StateDatabaseError(.corrupt, path: path, "credit_usage row has a member of the wrong type: \(value)")
        }
        let usage = CreditUsage(featureType: featureType, featureName: featureName, usageAction: action, integration: integration,
                                userID: user, usageBreakdown: breakdown, requests: requests)
        return CreditUsageRow(sequence: sequence, usageTime: time, usage: usage,
                              creditsUsed: CreditAmount(hundredths: Int64(used)), balanceAfter: CreditAmount(hundredths: Int64(after)))
    }
}
