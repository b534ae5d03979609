/// One thing wrong with a fixture directory, located by file and JSON path so a person can
/// jump to it: `calls.json: [12].dealId "006X" does not match any deal`.
public struct FixtureProblem: Sendable, Hashable, CustomStringConvertible {
    /// File name inside the fixture directory (`calls.json`).
    public let file: String
    /// JSON path inside the file (`[12].dealId`, `company.id`); empty for the whole file.
    public let path: String
    public let message: String

    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    public var description: String {
        path.isEmpty ? "\(file): \(message)" : "\(file): \(path) \(message)"
    }
}

/// Why a fixture could not be loaded.
public enum CompanyFixtureError: Error, Sendable, CustomStringConvertible {
    case invalid([FixtureProblem])

    public var problems: [FixtureProblem] {
        switch self {
        case .invalid(let problems): return problems
        }
    }

    public var description: String {
        let list = problems.prefix(20).map { "  " + $0.description }.joined(separator: "\n")
        let more = problems.count > 20 ? "\n  … and \(problems.count - 20) more" : ""
        return "the company fixture has \(problems.count) problem(s):\n\(list)\(more)"
    }
}
