import Essentials

/// The tools an endpoint serves, validated once, with every `tools/list` page serialised up
/// front per protocol revision (MCP "Tools" §Listing Tools, "Pagination"), so listing costs a
/// dictionary lookup and a copy.
public struct MCPToolRegistry: Sendable {
    public let tools: [MCPTool]
    private let byName: [String: Int]
    /// Result bytes (`{"tools":[…],"nextCursor":…}`) per revision, per page.
    private let pages: [MCPProtocolVersion: [[UInt8]]]
    /// Opaque cursor → page index (page 0 has no cursor).
    private let cursors: [String: Int]

    /// Validates the tools (names, schemas, no duplicates) and precomputes the pages. Pages of a
    /// 2026-07-28 revision carry `resultType`, `ttlMs` and `cacheScope` (`CacheableResult`) and
    /// `_meta` naming the server (SEP-2575: servers SHOULD identify themselves on results); the
    /// order is the registration order, the same on every call (SHOULD since 2026-07-28).
    public init(tools: [MCPTool], pageSize: Int, versions: [MCPProtocolVersion],
                cache: (ttlMilliseconds: Int, scope: MCPCacheScope) = (300_000, .public),
                resultMeta: JSONObject? = nil) throws(MCPConfigurationError) {
        guard pageSize >= 1 else { throw MCPConfigurationError("toolsPageSize must be at least 1, is \(pageSize)") }
        var byName: [String: Int] = [:]
        for (index, tool) in tools.enumerated() {
            if let problem = tool.validationProblem() { throw MCPConfigurationError(problem) }
            guard byName[tool.name] == nil else { throw MCPConfigurationError("tool name \"\(tool.name)\" is registered twice") }
            byName[tool.name] = index
        }
        self.tools = tools
        self.byName = byName

        let pageCount = max(1, (tools.count + pageSize - 1) / pageSize)
        let fingerprint = Redact.fingerprint(tools.map(\.name).joined(separator: "\n"))
        var cursorNames: [String] = [""]
        var cursors: [String: Int] = [:]
        for page in 1..<max(pageCount, 1) {
            let cursor = Base64URL.encode(Array("tools/list:\(fingerprint):\(page)".utf8))
            cursorNames.append(cursor)
            cursors[cursor] = page
        }
        self.cursors = cursors

        var pages: [MCPProtocolVersion: [[UInt8]]] = [:]
        for version in versions {
            var versionPages: [[UInt8]] = []
            for page in 0..<pageCount {
                let slice = tools[min(page * pageSize, tools.count)..<min((page + 1) * pageSize, tools.count)]
                var result = JSONObject()
                result["tools"] = .array(slice.map { $0.definition(for: version) })
                if page + 1 < pageCount { result["nextCursor"] = .string(cursorNames[page + 1]) }
                if version.hasResultType {
                    result["resultType"] = "complete"
                    result["ttlMs"] = .number(Double(cache.ttlMilliseconds))
                    result["cacheScope"] = .string(cache.scope.rawValue)
                    if let resultMeta { result["_meta"] = .object(resultMeta) }
                }
                versionPages.append(JSONSerializer.bytes(.object(result)))
            }
            pages[version] = versionPages
        }
        self.pages = pages
    }

    public func tool(named name: String) -> MCPTool? {
        byName[name].map { tools[$0] }
    }

    /// The serialised `tools/list` result for `cursor` (nil = first page), or nil for a cursor
    /// this registry never issued.
    func page(cursor: String?, version: MCPProtocolVersion) -> [UInt8]? {
        let index: Int
        if let cursor {
            guard let found = cursors[cursor] else { return nil }
            index = found
        } else {
            index = 0
        }
        guard let versionPages = pages[version] ?? pages.values.first, index < versionPages.count else { return nil }
        return versionPages[index]
    }
}

/// A configuration the endpoint refuses to serve (bad tool name, duplicate, bad page size).
public struct MCPConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { "invalid MCP configuration: \(reason)" }
}
