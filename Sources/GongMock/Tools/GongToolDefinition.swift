import Essentials

/// One tool as it appears in MCP `tools/list` (name, title, description, input and output JSON
/// Schemas, annotations) plus the OAuth scope a caller must hold (gong.md §4.3).
public struct GongToolDefinition: Sendable, Hashable {
    public let name: String
    public let title: String
    public let description: String
    public let inputSchema: JSONValue
    public let outputSchema: JSONValue
    public let requiredScope: String
    /// MCP tool annotations; all three tools are read-only (`readOnlyHint: true`).
    public let annotations: JSONValue

    /// False for a tool that analyses no conversations (search_conversations): it is never
    /// charged and writes no credit-usage row.
    public let metered: Bool

    public init(name: String, title: String, description: String, inputSchema: JSONValue, outputSchema: JSONValue,
                requiredScope: String, annotations: JSONValue, metered: Bool = true) {
        self.metered = metered
        self.name = name
        self.title = title
        self.description = description
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.requiredScope = requiredScope
        self.annotations = annotations
    }
}
