extension CreditLedger {
    /// The columns of Gong's "Credit usage" report export (gong.md §1.6), in order.
    public static let csvColumns = ["Usage time", "Feature type", "Feature name", "Usage action", "Integration",
                                    "User ID", "Credits used", "Usage breakdown", "# of requests"]

    /// The usage report as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma,
    /// quote or line break). Times are ISO 8601 UTC.
    public func csv(rows: [CreditUsageRow]? = nil) -> String {
        var lines = [CreditLedger.csvColumns.map(CreditLedger.csvField).joined(separator: ",")]
        for row in rows ?? usageRows {
            let fields = [UTCCalendar.isoString(row.usageTime), row.usage.featureType, row.usage.featureName,
                          row.usage.usageAction, row.usage.integration, row.usage.userID, row.creditsUsed.description,
                          row.usage.usageBreakdown, String(row.usage.requests)]
            lines.append(fields.map(CreditLedger.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        var quoted = "\""
        for character in text {
            if character == "\"" { quoted.append("\"") }
            quoted.append(character)
        }
        return quoted + "\""
    }
}
