import Essentials

/// A tool offered through `tools/list` and run by `tools/call` (MCP 2025-11-25 "Tools" §Tool).
public struct MCPTool: Sendable {
    /// 1–64 characters of `[A-Za-z0-9_.-]` (the spec allows 128; the conformance suite checks 64).
    public let name: String
    public var title: String?
    public var description: String
    /// A JSON Schema object with root `"type": "object"`.
    public var inputSchema: JSONValue
    /// When set, results SHOULD carry conforming `structuredContent` (since 2025-06-18).
    public var outputSchema: JSONValue?
    public var annotations: MCPToolAnnotations?
    /// OAuth scopes the caller's token must hold; a token lacking one gets 403 `insufficient_scope`.
    public var requiredScopes: [String]
    /// Extra members written into the tool object as is (`_meta`, `icons`, `securitySchemes`, …).
    public var additionalFields: JSONObject
    public let handler: @Sendable (MCPToolInvocation) -> MCPToolOutcome

    public init(
        name: String,
        title: String? = nil,
        description: String,
        inputSchema: JSONValue = ["type": "object", "additionalProperties": false],
        outputSchema: JSONValue? = nil,
        annotations: MCPToolAnnotations? = nil,
        requiredScopes: [String] = [],
        additionalFields: JSONObject = JSONObject(),
        handler: @escaping @Sendable (MCPToolInvocation) -> MCPToolOutcome
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.annotations = annotations
        self.requiredScopes = requiredScopes
        self.additionalFields = additionalFields
        self.handler = handler
    }

    /// Why this tool cannot be served, or nil when it can.
    public func validationProblem() -> String? {
        guard (1...64).contains(name.utf8.count) else {
            return "tool name \"\(name)\" must be 1 to 64 characters long, is \(name.utf8.count)"
        }
        let allowed = name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"):
                return true
            default: return false
            }
        }
        guard allowed else { return "tool name \"\(name)\" may only contain A-Z, a-z, 0-9, '_', '.' and '-'" }
        guard !description.isEmpty else { return "tool \"\(name)\" needs a description" }
        guard inputSchema["type"] == .string("object") else {
            return "tool \"\(name)\": inputSchema must be a JSON Schema object with \"type\": \"object\""
        }
        if let outputSchema, outputSchema["type"] != .string("object") {
            return "tool \"\(name)\": outputSchema must be a JSON Schema object with \"type\": \"object\""
        }
        return nil
    }

    /// The `Tool` object as a client of `version` sees it: `title` and `outputSchema` only from
    /// 2025-06-18 on.
    func definition(for version: MCPProtocolVersion) -> JSONValue {
        let modern = version.supportsStructuredOutput
        var object = JSONObject()
        object["name"] = .string(name)
        if modern, let title { object["title"] = .string(title) }
        object["description"] = .string(description)
        object["inputSchema"] = inputSchema
        if modern, let outputSchema { object["outputSchema"] = outputSchema }
        if let annotations { object["annotations"] = annotations.jsonValue(includeTitle: true) }
        for (key, value) in additionalFields { object[key] = value }
        return .object(object)
    }
}

/// Behaviour hints of MCP "Tools" §Tool Annotations (untrusted by clients, shown to users).
public struct MCPToolAnnotations: Sendable, Equatable {
    public var title: String?
    public var readOnlyHint: Bool?
    public var destructiveHint: Bool?
    public var idempotentHint: Bool?
    public var openWorldHint: Bool?

    public init(title: String? = nil, readOnlyHint: Bool? = nil, destructiveHint: Bool? = nil, idempotentHint: Bool? = nil, openWorldHint: Bool? = nil) {
        self.title = title
        self.readOnlyHint = readOnlyHint
        self.destructiveHint = destructiveHint
        self.idempotentHint = idempotentHint
        self.openWorldHint = openWorldHint
    }

    func jsonValue(includeTitle: Bool) -> JSONValue {
        var object = JSONObject()
        if includeTitle, let title { object["title"] = .string(title) }
        if let readOnlyHint { object["readOnlyHint"] = .bool(readOnlyHint) }
        if let destructiveHint { object["destructiveHint"] = .bool(destructiveHint) }
        if let idempotentHint { object["idempotentHint"] = .bool(idempotentHint) }
        if let openWorldHint { object["openWorldHint"] = .bool(openWorldHint) }
        return .object(object)
    }
}
