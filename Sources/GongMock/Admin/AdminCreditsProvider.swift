import Essentials

/// What the admin center needs from the Gong-credit ledger (gong.md §1.6: "Gong credits" under
/// Reports shows the remaining and the total credits and exports a credit-usage report). The
/// ledger conforms to it; tests use a stub.
public protocol AdminCreditsProvider: Sendable {
    /// Credits remaining in the shared pool.
    var creditBalance: Double { get }
    /// The pool's total.
    var creditTotal: Double { get }
    /// Sets the pool (already validated: finite, >= 0, balance <= total). Durable when it returns.
    func setCredits(balance: Double, total: Double) throws(CreditAdjustmentError)
    /// The credit-usage report, columns as Gong's export (`CreditUsageReport.gongColumns`).
    func creditUsageReport() -> CreditUsageReport
}

/// Why the pool could not be set (e.g. the state database refused the write).
public struct CreditAdjustmentError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A table: column names and rows of values in column order.
public struct CreditUsageReport: Sendable, Equatable {
    /// Gong's credit-usage report columns (gong.md §1.6, "Managing credit usage").
    public static let gongColumns = ["Usage time", "Feature type", "Feature name", "Usage action", "Integration",
                                     "User ID", "Credits used", "Usage breakdown", "# of requests"]

    public let columns: [String]
    public let rows: [[JSONValue]]

    public init(columns: [String] = CreditUsageReport.gongColumns, rows: [[JSONValue]]) {
        self.columns = columns
        self.rows = rows
    }

    /// Each row as an object keyed by column name (the JSON form of the API).
    public var objects: [JSONValue] {
        rows.map { row in
            var object = JSONObject()
            for (index, column) in columns.enumerated() { object[column] = index < row.count ? row[index] : .null }
            return .object(object)
        }
    }

    /// RFC 4180 CSV with a header line and CRLF line ends. Text cells that a spreadsheet would
    /// run as a formula (leading `=`, `+`, `-`, `@`) are prefixed with `'` (OWASP CSV injection).
    public var csv: String {
        var lines = [columns.map { Self.cell(.string($0)) }.joined(separator: ",")]
        for row in rows { lines.append(row.map(Self.cell).joined(separator: ",")) }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ value: JSONValue) -> String {
        var text: String
        switch value {
        case .null: return ""
        case .string(let string):
            text = string
            if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        case .number, .bool: return JSONSerializer.string(value)
        case .array, .object: text = JSONSerializer.string(value)
        }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        }
        return text
    }
}
