import Essentials

/// One fault as declared (in the seed's `faults` or `POST /_mock/faults`): its kind, how many
/// times it fires, which client it aims at, and its kind's parameters, already validated.
public struct FaultSpec: Sendable, Equatable {
    public var kind: FaultKind
    /// nil: fires until deleted.
    public var times: Int?
    public var clientId: String?
    public var integrationId: String?
    /// The kind's own parameters (`ms`, `path`, `status`, …), validated against `FaultKind.parameters`.
    public var parameters: JSONObject

    public init(kind: FaultKind, times: Int? = nil, clientId: String? = nil, integrationId: String? = nil, parameters: JSONObject = JSONObject()) {
        self.kind = kind
        self.times = times
        self.clientId = clientId
        self.integrationId = integrationId
        self.parameters = parameters
    }

    func int(_ name: String) -> Int? { parameters[name]?.intValue }
    func string(_ name: String) -> String? { parameters[name]?.stringValue }

    /// Whether `path` is one this fault aims at (`path` exact, or a prefix before a trailing `*`).
    func matches(path requestPath: String) -> Bool {
        guard let path = string("path") else { return true }
        if path.hasSuffix("*") { return requestPath.hasPrefix(String(path.dropLast())) }
        return requestPath == path
    }

    /// The declaration as JSON (what `GET /_mock/faults` and `GET /_mock/state` show).
    var json: JSONObject {
        var object = JSONObject()
        object["kind"] = .string(kind.rawValue)
        if let times { object["times"] = .number(Double(times)) }
        if let clientId { object["clientId"] = .string(clientId) }
        if let integrationId { object["integrationId"] = .string(integrationId) }
        for (key, value) in parameters.members { object[key] = value }
        return object
    }

    // MARK: Parsing

    /// Reads and checks one declaration; `path` prefixes every error (`faults[0].ms`).
    public static func parse(_ value: JSONValue, at path: String = "", file: String = "fault") throws(SeedError) -> FaultSpec {
        let reader = SeedReader(file: file)
        let object = try reader.object(value, at: path)
        let kindValue = try reader.require(object, "kind", at: path)
        let kindName = try reader.string(kindValue, at: SeedReader.join(path, "kind"))
        guard let kind = FaultKind(rawValue: kindName) else {
            throw reader.fail(SeedReader.join(path, "kind"), "unknown fault kind \"\(kindName)\"; valid kinds: \(FaultKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let known = ["kind"] + kind.parameters.map(\.name)
        try reader.checkKeys(object, known: known, at: path)
        for parameter in kind.parameters where parameter.required && object[parameter.name] == nil {
            throw reader.fail(SeedReader.join(path, parameter.name), "required for kind \(kind.rawValue) (\(parameter.type): \(parameter.summary))")
        }
        var spec = FaultSpec(kind: kind)
        for (key, value) in object.members where key != "kind" {
            let at = SeedReader.join(path, key)
            switch key {
            case "times": spec.times = try integer(value, at: at, in: 1...1_000_000, reader)
            case "clientId": spec.clientId = try reader.nonEmptyString(value, at: at)
            case "integrationId": spec.integrationId = try reader.nonEmptyString(value, at: at)
            case "ms": spec.parameters[key] = .number(Double(try integer(value, at: at, in: 0...60_000, reader)))
            case "status": spec.parameters[key] = .number(Double(try integer(value, at: at, in: 400...599, reader)))
            case "retryAfter", "afterCalls": spec.parameters[key] = .number(Double(try integer(value, at: at, in: 0...1_000_000_000, reader)))
            case "atCall": spec.parameters[key] = .number(Double(try integer(value, at: at, in: 1...1_000_000_000, reader)))
            case "when": spec.parameters[key] = .string(try reader.choice(value, at: at, ["now"]))
            case "tool":
                let names = GongToolset.november2026.toolNames
                spec.parameters[key] = .string(try reader.choice(value, at: at, names))
            case "path":
                let text = try reader.nonEmptyString(value, at: at)
                guard text.hasPrefix("/") else { throw reader.fail(at, "expected a request path starting with /, got \(SeedReader.describe(value))") }
                spec.parameters[key] = .string(text)
            case "error":
                let code = try reader.nonEmptyString(value, at: at)
                guard code.utf8.allSatisfy({ $0 == 0x5F || ($0 >= 0x61 && $0 <= 0x7A) }) else {
                    throw reader.fail(at, "expected an OAuth error code (lower-case letters and _), got \(SeedReader.describe(value))")
                }
                spec.parameters[key] = .string(code)
            default: spec.parameters[key] = .string(try reader.string(value, at: at))
            }
        }
        if spec.parameters["when"] != nil, spec.parameters["afterCalls"] != nil {
            throw reader.fail(SeedReader.join(path, "afterCalls"), "give either when or afterCalls, not both")
        }
        return spec
    }

    private static func integer(_ value: JSONValue, at path: String, in range: ClosedRange<Int>, _ reader: SeedReader) throws(SeedError) -> Int {
        guard let number = value.intValue, range.contains(number) else {
            throw reader.fail(path, "expected an integer from \(range.lowerBound) to \(range.upperBound), got \(SeedReader.describe(value))")
        }
        return number
    }
}
