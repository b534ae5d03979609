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

/// A table of column names and rows read on demand: a report of half a million rows is walked
/// row by row into its CSV or JSON, never held as a table of values (issue #16).
public struct CreditUsageReport: Sendable {
    /// Gong's credit-usage report columns (gong.md §1.6, "Managing credit usage").
    public static let gongColumns = ["Usage time", "Feature type", "Feature name", "Usage action", "Integration",
                                     "User ID", "Credits used", "Usage breakdown", "# of requests"]

    /// Calls `visit` with each row in order until it returns false.
    public typealias RowSource = @Sendable (_ visit: ([JSONValue]) -> Bool) throws(CreditAdjustmentError) -> Void

    public let columns: [String]
    private let source: RowSource

    public init(columns: [String] = CreditUsageReport.gongColumns, source: @escaping RowSource) {
        self.columns = columns
        self.source = source
    }

    /// A report over rows already in hand (tests, stubs).
    public init(columns: [String] = CreditUsageReport.gongColumns, rows: [[JSONValue]]) {
        self.init(columns: columns) { (visit: ([JSONValue]) -> Bool) throws(CreditAdjustmentError) in
            for row in rows where !visit(row) { return }
        }
    }

    public func forEachRow(_ visit: ([JSONValue]) -> Bool) throws(CreditAdjustmentError) { try source(visit) }

    /// Every row (small reports and tests).
    public func rows() throws(CreditAdjustmentError) -> [[JSONValue]] {
        var rows: [[JSONValue]] = []
        try forEachRow { rows.append($0); return true }
        return rows
    }

    /// The last `limit` rows and how many rows there are, in memory proportional to `limit`.
    public func tail(_ limit: Int) throws(CreditAdjustmentError) -> (rows: [[JSONValue]], count: Int) {
        var ring: [[JSONValue]] = []
        var count = 0
        try forEachRow { row in
            if ring.count < limit { ring.append(row) } else if limit > 0 { ring[count % limit] = row }
            count += 1
            return true
        }
        guard count > limit, limit > 0 else { return (ring, count) }
        let start = count % limit
        return (Array(ring[start...] + ring[..<start]), count)
    }

    /// The rows as a JSON array of objects keyed by column name (the API's JSON form).
    public func jsonBytes() throws(CreditAdjustmentError) -> [UInt8] {
        var output: [UInt8] = [UInt8(ascii: "[")]
        var first = true
        try forEachRow { row in
            var object = JSONObject()
            for (index, column) in columns.enumerated() { object[column] = index < row.count ? row[index] : .null }
            if !first { output.append(UInt8(ascii: ",")) }
            first = false
            JSONSerializer.write(.object(object), into: &output)
            return true
        }
        output.append(UInt8(ascii: "]"))
        return output
    }

    /// RFC 4180 CSV with a header line and CRLF line ends. Text cells that a spreadsheet would
    /// run as a formula (leading `=`, `+`, `-`, `@`) are prefixed with `'` (OWASP CSV injection).
    public func csv() throws(CreditAdjustmentError) -> String {
        var text = columns.map { Self.cell(.string($0)) }.joined(separator: ",") + "\r\n"
        try forEachRow { row in
            text += row.map(Self.cell).joined(separator: ",") + "\r\n"
            return true
        }
        return text
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
