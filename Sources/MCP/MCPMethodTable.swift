/// The JSON-RPC methods an endpoint answers, each with the eras it exists in (MCP 2025-11-25
/// "Lifecycle"/"Tools"/"Logging"; 2026-07-28 "Key Changes": `server/discover` and
/// `subscriptions/listen` added, `ping` and `logging/setLevel` removed). Both era strategies
/// look requests up here instead of switching on method names.
struct MCPMethodTable: Sendable {
    struct Entry: Sendable {
        let eras: Set<MCPEra>
        let handle: @Sendable (MCPEndpoint, MCPCall) -> MCPDispatchOutput
    }

    private let entries: [String: Entry]
    /// Registration order, for error messages that list what is offered.
    private let order: [String]

    init(_ methods: [(String, Set<MCPEra>, @Sendable (MCPEndpoint, MCPCall) -> MCPDispatchOutput)]) {
        var entries: [String: Entry] = [:]
        for (name, eras, handle) in methods { entries[name] = Entry(eras: eras, handle: handle) }
        self.entries = entries
        self.order = methods.map(\.0)
    }

    /// The method as `era` defines it, nil when that era has no such method.
    func entry(_ method: String, era: MCPEra) -> Entry? {
        guard let entry = entries[method], entry.eras.contains(era) else { return nil }
        return entry
    }

    /// The method names of `era`, in registration order.
    func names(of era: MCPEra) -> [String] { order.filter { entries[$0]?.eras.contains(era) == true } }

    /// What this server answers. `initialize` is the legacy strategy's own (it opens sessions).
    static let standard = MCPMethodTable([
        ("server/discover", [.modern], { endpoint, call in endpoint.discover(call) }),
        ("ping", [.legacy], { _, call in .result(call.id, MCPEndpoint.emptyObject) }),
        ("tools/list", [.legacy, .modern], { endpoint, call in endpoint.listTools(call) }),
        ("tools/call", [.legacy, .modern], { endpoint, call in endpoint.callTool(call) }),
        ("logging/setLevel", [.legacy], { endpoint, call in endpoint.setLogLevel(call) }),
        ("subscriptions/listen", [.modern], { endpoint, call in endpoint.listen(call) }),
    ])
}
