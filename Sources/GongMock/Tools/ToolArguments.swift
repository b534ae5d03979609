import Essentials

/// Reads a tool call's `arguments` object, collecting every invalid argument (unknown, missing,
/// wrong type, value outside the allowed set) so one failure message can list them all.
struct ToolArguments {
    let object: JSONObject
    private(set) var errors: [ToolArgumentError] = []

    init(_ object: JSONObject, allowed: [String]) {
        self.object = object
        for key in object.keys where !allowed.contains(key) {
            errors.append(ToolArgumentError(argument: key,
                                            message: "is not an argument of this tool (arguments: \(allowed.joined(separator: ", ")))"))
        }
    }

    /// A string argument; nil when absent or JSON null (reported when `required`).
    /// The hint is only built for a message (it lists choices: building it cost more than reading the argument).
    mutating func string(_ name: String, required: Bool, hint: @autoclosure () -> String) -> String? {
        guard let value = object[name], !value.isNull else {
            if required { errors.append(ToolArgumentError(argument: name, message: "is required (\(hint()))")) }
            return nil
        }
        guard case .string(let text) = value else {
            errors.append(ToolArgumentError(argument: name, message: "must be a string (\(hint())), got \(value.kindName)"))
            return nil
        }
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else {
            errors.append(ToolArgumentError(argument: name, message: "must not be empty (\(hint()))"))
            return nil
        }
        return trimmed
    }

    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ name: String, _ type: Choice.Type) -> Choice?
        where Choice.RawValue == String {
        func allowed() -> String { Choice.allCases.map(\.rawValue).joined(separator: ", ") }
        guard let text = string(name, required: true, hint: "one of \(allowed())") else { return nil }
        guard let value = Choice(rawValue: text) ?? Choice(rawValue: text.uppercased()) else {
            errors.append(ToolArgumentError(argument: name, message: "\"\(text)\" is not allowed; use one of \(allowed())"))
            return nil
        }
        return value
    }

    mutating func fail(_ name: String, _ message: String) {
        errors.append(ToolArgumentError(argument: name, message: message))
    }

    /// "Invalid argument timePeriod: …; Invalid argument question: …".
    var failureMessage: String? {
        errors.isEmpty ? nil : errors.map(\.description).joined(separator: "; ")
    }
}

extension String {
    /// The string without leading/trailing spaces, tabs and newlines (no Foundation needed).
    var trimmingSpaces: String {
        // Most arguments have nothing to trim: two byte tests instead of a walk by Character.
        let isSpaceByte: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if let first = utf8.first, let last = utf8.last, !isSpaceByte(first), !isSpaceByte(last) { return self }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
