import Essentials

/// The `company` member: how the company fixture is anchored (issue #15 §3).
extension SeedFile {
    /// The members of `company` (the schema test checks `Fixtures/seed.schema.json` against them).
    static let companyKeys = ["anchoredAt"]

    /// `{"anchoredAt": "2026-01-01T09:00:00Z"}` → the anchor instant (the only member so far).
    static func parseCompany(_ value: JSONValue, _ context: SeedFileContext) throws(SeedError) -> Double? {
        let reader = SeedReader(file: context.fileName)
        let object = try reader.object(value, at: "company")
        try reader.checkKeys(object, known: companyKeys, at: "company")
        return try object["anchoredAt"].map { (value: JSONValue) throws(SeedError) -> Double in
            try parseInstant(value, at: "company.anchoredAt", context)
        }
    }

    /// An ISO 8601 date and time (a date alone is refused: it names no instant).
    static func parseInstant(_ value: JSONValue, at path: String, _ context: SeedFileContext) throws(SeedError) -> Double {
        let text = try SeedReader(file: context.fileName).string(value, at: path)
        guard let parsed = ISO8601Time.parse(text), !parsed.dateOnly else {
            throw context.error(path, "expected an ISO 8601 date and time such as \"2026-01-01T09:00:00Z\", got \(SeedReader.describe(value))")
        }
        return parsed.seconds
    }
}
