import Essentials

/// Typed, path-aware access to one JSON object of a fixture file. Every accessor reports what is
/// wrong (missing, wrong kind, out of range) at `file: path.key` and returns nil, so a decoder can
/// keep going and report every problem in one run instead of the first one.
struct FixtureObjectReader {
    let object: JSONObject
    let file: String
    let log: FixtureProblemLog
    /// The path is kept as parent path + array index and only rendered when a problem is
    /// reported: thousands of transcript sentences must not each build a path string.
    private let basePath: String
    private let index: Int?

    var path: String { index.map { "\(basePath)[\($0)]" } ?? basePath }

    init?(_ value: JSONValue, file: String, path: String, log: FixtureProblemLog) {
        self.init(value, file: file, basePath: path, index: nil, log: log)
    }

    /// The element at `index` of the array at `arrayPath`.
    init?(_ value: JSONValue, file: String, arrayPath: String, index: Int, log: FixtureProblemLog) {
        self.init(value, file: file, basePath: arrayPath, index: index, log: log)
    }

    private init?(_ value: JSONValue, file: String, basePath: String, index: Int?, log: FixtureProblemLog) {
        guard case .object(let object) = value else {
            log.report(file, index.map { "\(basePath)[\($0)]" } ?? basePath, "must be an object, got \(value.kindName)")
            return nil
        }
        self.object = object
        self.file = file
        self.basePath = basePath
        self.index = index
        self.log = log
    }

    func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func report(_ key: String, _ message: String) { log.report(file, fieldPath(key), message) }

    /// Reports members the schema does not define, which are nearly always typos.
    func allowOnly(_ keys: [String]) {
        for member in object.members where !keys.contains(member.key) {
            report(member.key, "is not a known field (known: \(keys.joined(separator: ", ")))")
        }
    }

    private func required(_ key: String) -> JSONValue? {
        guard let value = object[key] else {
            report(key, "is missing")
            return nil
        }
        return value
    }

    /// A required, non-empty string.
    func string(_ key: String) -> String? {
        guard let value = required(key) else { return nil }
        guard case .string(let text) = value else {
            report(key, "must be a string, got \(value.kindName)")
            return nil
        }
        guard !text.isEmpty else {
            report(key, "must not be empty")
            return nil
        }
        return text
    }

    /// A string or null; absent counts as null. Reports other kinds.
    func nullableString(_ key: String) -> (valid: Bool, value: String?) {
        guard let value = object[key] else { return (true, nil) }
        switch value {
        case .null: return (true, nil)
        case .string(let text) where !text.isEmpty: return (true, text)
        case .string: report(key, "must not be empty (use null)")
        default: report(key, "must be a string or null, got \(value.kindName)")
        }
        return (false, nil)
    }

    func int(_ key: String, minimum: Int? = nil, maximum: Int? = nil) -> Int? {
        guard let value = required(key) else { return nil }
        guard let number = value.intValue else {
            report(key, value.doubleValue == nil ? "must be an integer, got \(value.kindName)"
                                                  : "must be an integer, got \(value)")
            return nil
        }
        if let minimum, number < minimum {
            report(key, "must be at least \(minimum), got \(number)")
            return nil
        }
        if let maximum, number > maximum {
            report(key, "must be at most \(maximum), got \(number)")
            return nil
        }
        return number
    }

    func number(_ key: String, minimum: Double) -> Double? {
        guard let value = required(key) else { return nil }
        guard let number = value.doubleValue else {
            report(key, "must be a number, got \(value.kindName)")
            return nil
        }
        guard number >= minimum else {
            report(key, "must be at least \(minimum), got \(value)")
            return nil
        }
        return number
    }

    func bool(_ key: String) -> Bool? {
        guard let value = required(key) else { return nil }
        guard let flag = value.boolValue else {
            report(key, "must be true or false, got \(value.kindName)")
            return nil
        }
        return flag
    }

    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, _ type: Choice.Type) -> Choice?
        where Choice.RawValue == String {
        guard let text = string(key) else { return nil }
        guard let value = Choice(rawValue: text) else {
            let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            report(key, "must be one of \(allowed), got \"\(text)\"")
            return nil
        }
        return value
    }

    func array(_ key: String, nonEmpty: Bool = false) -> [JSONValue]? {
        guard let value = required(key) else { return nil }
        guard case .array(let elements) = value else {
            report(key, "must be an array, got \(value.kindName)")
            return nil
        }
        if nonEmpty, elements.isEmpty {
            report(key, "must not be empty")
            return nil
        }
        return elements
    }

    /// An array of non-empty strings; bad elements are reported and skipped.
    func strings(_ key: String, nonEmpty: Bool = false, optional: Bool = false) -> [String]? {
        if optional, object[key] == nil { return [] }
        guard let elements = array(key, nonEmpty: nonEmpty) else { return nil }
        var result: [String] = []
        for (position, element) in elements.enumerated() {
            if case .string(let text) = element, !text.isEmpty {
                result.append(text)
            } else {
                log.report(file, "\(fieldPath(key))[\(position)]", "must be a non-empty string, got \(element.kindName)")
            }
        }
        return result
    }

    func child(_ key: String) -> FixtureObjectReader? {
        guard let value = required(key) else { return nil }
        return FixtureObjectReader(value, file: file, path: fieldPath(key), log: log)
    }

    /// `{"daysAgo": n, "time": "HH:MM"}`.
    func relativeTime(_ key: String) -> RelativeTime? {
        guard let reader = child(key) else { return nil }
        reader.allowOnly(["daysAgo", "time"])
        let days = reader.int("daysAgo", minimum: 1, maximum: 3650)
        var seconds: Int?
        if let text = reader.string("time") {
            seconds = RelativeTime.secondsOfDay(text)
            if seconds == nil { reader.report("time", "must be HH:MM (24-hour, UTC), got \"\(text)\"") }
        }
        guard let days, let seconds else { return nil }
        return RelativeTime(daysAgo: days, secondsOfDay: seconds)
    }
}
