import Essentials

/// Typed, strict access to seed JSON: every accessor names the key path in its error, and
/// `checkKeys` refuses members nobody declared.
struct SeedReader {
    let file: String

    func fail(_ path: String, _ problem: String) -> SeedError { SeedError(file: file, keyPath: path, problem: problem) }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string, .number, .bool, .null:
            let text = JSONSerializer.string(value)
            return text.count > 60 ? String(text.prefix(57)) + "..." : text
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    func object(_ value: JSONValue, at path: String) throws(SeedError) -> JSONObject {
        guard let object = value.objectValue else { throw fail(path, "expected an object, got \(Self.describe(value))") }
        return object
    }

    func checkKeys(_ object: JSONObject, known: [String], at path: String) throws(SeedError) {
        for key in object.keys where !known.contains(key) {
            throw fail(Self.join(path, key), "unknown key; known keys: \(known.joined(separator: ", "))")
        }
    }

    func require(_ object: JSONObject, _ key: String, at path: String) throws(SeedError) -> JSONValue {
        guard let value = object[key] else { throw fail(Self.join(path, key), "required key is missing") }
        return value
    }

    func string(_ value: JSONValue, at path: String) throws(SeedError) -> String {
        guard let text = value.stringValue else { throw fail(path, "expected a string, got \(Self.describe(value))") }
        return text
    }

    func nonEmptyString(_ value: JSONValue, at path: String) throws(SeedError) -> String {
        let text = try string(value, at: path)
        guard !text.isEmpty else { throw fail(path, "expected a non-empty string") }
        return text
    }

    func bool(_ value: JSONValue, at path: String) throws(SeedError) -> Bool {
        guard let flag = value.boolValue else { throw fail(path, "expected true or false, got \(Self.describe(value))") }
        return flag
    }

    func nonNegativeNumber(_ value: JSONValue, at path: String) throws(SeedError) -> Double {
        guard let number = value.doubleValue else { throw fail(path, "expected a number, got \(Self.describe(value))") }
        guard number >= 0 else { throw fail(path, "expected a number >= 0, got \(Self.describe(value))") }
        return number
    }

    func array(_ value: JSONValue, at path: String) throws(SeedError) -> [JSONValue] {
        guard let elements = value.arrayValue else { throw fail(path, "expected an array, got \(Self.describe(value))") }
        return elements
    }

    func stringArray(_ value: JSONValue, at path: String) throws(SeedError) -> [String] {
        var strings: [String] = []
        for (index, element) in try array(value, at: path).enumerated() {
            strings.append(try string(element, at: "\(path)[\(index)]"))
        }
        return strings
    }

    /// One of `choices`, spelled exactly.
    func choice(_ value: JSONValue, at path: String, _ choices: [String]) throws(SeedError) -> String {
        let quoted = choices.map { "\"\($0)\"" }
        let expected = quoted.count == 2 ? "\(quoted[0]) or \(quoted[1])" : "one of \(quoted.joined(separator: ", "))"
        guard let text = value.stringValue, choices.contains(text) else {
            throw fail(path, "expected \(expected), got \(Self.describe(value))")
        }
        return text
    }
}
