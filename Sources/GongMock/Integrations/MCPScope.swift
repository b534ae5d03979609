/// The OAuth scopes of Gong's MCP server, one per tool family (gong.md §4.1: `scopes_supported`
/// of mcp.gong.io's authorization-server metadata). An integration grants a subset; all three by default.
public enum MCPScope: String, Sendable, CaseIterable, Hashable, Comparable {
    case aiAsk = "mcp:ai-ask:read"
    case aiBriefer = "mcp:ai-briefer:read"
    case aiAssistant = "mcp:ai-assistant:read"

    /// The order Gong lists them in; scope lists are kept in this order so output is stable.
    public static let all: [MCPScope] = [.aiAsk, .aiBriefer, .aiAssistant]

    /// Label and explanation for the admin form.
    public var label: String {
        switch self {
        case .aiAsk: return "AI Ask Anything (ask_account, ask_deal)"
        case .aiBriefer: return "AI Briefer (generate_brief)"
        case .aiAssistant: return "AI Assistant"
        }
    }

    /// The product name alone, for the consent page (which lists the tools beside it).
    public var title: String {
        switch self {
        case .aiAsk: return "AI Ask Anything"
        case .aiBriefer: return "AI Briefer"
        case .aiAssistant: return "AI Assistant"
        }
    }

    public static func < (lhs: MCPScope, rhs: MCPScope) -> Bool {
        (all.firstIndex(of: lhs) ?? 0) < (all.firstIndex(of: rhs) ?? 0)
    }

    /// Parses scope names, refusing the first unknown one by name. Duplicates collapse; an empty
    /// list is refused because an integration without scopes could never be used.
    public static func parse(_ names: [String]) throws(IntegrationError) -> [MCPScope] {
        var scopes = Set<MCPScope>()
        for name in names {
            let trimmed = RedirectURIRules.trim(name)
            guard let scope = MCPScope(rawValue: trimmed) else {
                throw .unknownScope(trimmed)
            }
            scopes.insert(scope)
        }
        guard !scopes.isEmpty else { throw .noScopes }
        return scopes.sorted()
    }
}
