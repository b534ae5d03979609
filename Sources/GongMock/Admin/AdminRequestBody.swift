import Essentials
import HTTPServer

/// Strict reading of an admin API JSON body: not JSON, not an object, an unknown member or a
/// member of the wrong type → 400 naming it.
struct AdminRequestBody {
    let object: JSONObject

    init(_ request: HTTPRequest, allowed: [String], immutable: [String] = [], readOnly: [String: String] = [:]) throws(AdminAPIError) {
        if let type = request.mediaType, type != "application/json" {
            throw .badRequest("unsupported_media_type", "The body must be application/json (got \(type)).")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(request.body)
        } catch {
            throw .badRequest("invalid_json", "The body is not valid JSON: \(error.description).")
        }
        guard let object = value.objectValue else {
            throw .badRequest("invalid_json", "The body must be a JSON object, got \(value.kindName).")
        }
        for key in object.keys {
            if immutable.contains(key) { throw AdminAPIError(IntegrationError.immutableField(key)) }
            if let reason = readOnly[key] { throw AdminAPIError(IntegrationError.readOnlyField(key, reason: reason)) }
            if !allowed.contains(key) {
                throw .badRequest("unknown_member", "Unknown member '\(key)'; allowed members: \(allowed.joined(separator: ", ")).")
            }
        }
        self.object = object
    }

    private func typeError(_ key: String, _ expected: String, _ value: JSONValue) -> AdminAPIError {
        .badRequest("invalid_type", "Member '\(key)' must be \(expected), got \(value.kindName).")
    }

    func require(_ key: String) throws(AdminAPIError) -> JSONValue {
        guard let value = object[key] else { throw .badRequest("missing_member", "Member '\(key)' is required.") }
        return value
    }

    func string(_ key: String) throws(AdminAPIError) -> String? {
        guard let value = object[key] else { return nil }
        guard let text = value.stringValue else { throw typeError(key, "a string", value) }
        return text
    }

    func bool(_ key: String) throws(AdminAPIError) -> Bool? {
        guard let value = object[key] else { return nil }
        guard let flag = value.boolValue else { throw typeError(key, "true or false", value) }
        return flag
    }

    func number(_ key: String) throws(AdminAPIError) -> Double? {
        guard let value = object[key] else { return nil }
        guard let number = value.doubleValue else { throw typeError(key, "a number", value) }
        return number
    }

    func stringArray(_ key: String) throws(AdminAPIError) -> [String]? {
        guard let value = object[key] else { return nil }
        guard let elements = value.arrayValue else { throw typeError(key, "an array of strings", value) }
        var strings: [String] = []
        for (index, element) in elements.enumerated() {
            guard let text = element.stringValue else {
                throw .badRequest("invalid_type", "Member '\(key)[\(index)]' must be a string, got \(element.kindName).")
            }
            strings.append(text)
        }
        return strings
    }

    /// One of the enum's raw values.
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws(AdminAPIError) -> T? where T.RawValue == String {
        guard let text = try string(key) else { return nil }
        guard let value = T(rawValue: text) else {
            let choices = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
            throw .badRequest("invalid_value", "Member '\(key)' must be \(choices), got \"\(text)\".")
        }
        return value
    }
}
