import Essentials

/// How the generic MCP endpoint behaves (MCP 2025-11-25 "Transports" §Streamable HTTP,
/// "Lifecycle", "Tools", "Logging"). Every field has the default a strict server would use.
public struct MCPServerConfiguration: Sendable {
    /// `serverInfo` of the initialize result (MCP "Lifecycle": `Implementation`).
    public var serverInfo: MCPImplementationInfo
    /// `instructions` of the initialize result (since 2025-03-26).
    public var instructions: String?
    /// Revisions offered, any order; the newest legacy one answers an initialize asking for an
    /// unknown one. The eras present decide the mode (see `MCPProtocolMode.versions`): legacy
    /// revisions only, 2026-07-28 only, or both (dual-era).
    public var supportedVersions: [MCPProtocolVersion]
    /// What a legacy-only endpoint answers to a 2026-07-28 request (`server/discover`, per-request
    /// `_meta`): the embedding application's policy. The default is the answer every dual-era
    /// client falls back from: 400 with JSON-RPC -32601 and the request's id.
    public var modernRequestRefusal: MCPModernRequestRefusal
    /// `ttlMs` and `cacheScope` of 2026-07-28 cacheable results (`server/discover`, `tools/list`;
    /// SEP-2549). The tool list is the same for every caller, so "public" by default.
    public var listCacheTTLMilliseconds: Int
    public var listCacheScope: MCPCacheScope
    /// How a POSTed request is answered.
    public var responseMode: MCPResponseMode
    /// True: initialize creates a session (`Mcp-Session-Id`) every later request must carry.
    /// False: each POST stands alone, initialize is optional, GET and DELETE answer 405.
    public var statefulSessions: Bool
    /// A session unused this long (seconds, by the injected clock) is gone: 404.
    public var sessionIdleTimeout: Double
    /// Sessions kept at most; creating one more evicts the least recently used.
    public var maximumSessions: Int
    /// True: GET opens the server-to-client SSE stream. False: 405.
    public var getStreamEnabled: Bool
    /// True: DELETE ends a session (200). False: 405 (the spec lets a server refuse).
    public var deleteEnabled: Bool
    /// Origins allowed to call (exact `scheme://host[:port]`, case-insensitive; `"*"` admits any).
    /// nil admits only loopback origins (`localhost`, `127.0.0.1`, `[::1]`, any port). A present
    /// `Origin` that is not allowed gets 403 (Streamable HTTP "Security Warning").
    public var allowedOrigins: [String]?
    /// DNS-rebinding protection on the `Host` header.
    public var hostCheck: MCPHostCheck
    /// Tools per `tools/list` page (MCP "Pagination").
    public var toolsPageSize: Int
    /// Protected Resource Metadata URL (RFC 9728) named in the 403 `insufficient_scope` challenge.
    public var resourceMetadataURL: String?
    /// `retry:` (milliseconds) sent in SSE priming events; nil sends none.
    public var sseRetryMilliseconds: Int?
    /// Interval of SSE comment lines on the GET stream, so proxies keep it open.
    public var keepAliveInterval: Duration
    /// Minimum level of `notifications/message` until the client calls `logging/setLevel`.
    public var defaultLogLevel: MCPLogLevel

    public init(
        serverInfo: MCPImplementationInfo,
        instructions: String? = nil,
        supportedVersions: [MCPProtocolVersion] = MCPProtocolMode.legacy.versions,
        modernRequestRefusal: @escaping MCPModernRequestRefusal = MCPModernRequest.methodNotFound,
        listCacheTTLMilliseconds: Int = 300_000,
        listCacheScope: MCPCacheScope = .public,
        responseMode: MCPResponseMode = .json,
        statefulSessions: Bool = true,
        sessionIdleTimeout: Double = 3600,
        maximumSessions: Int = 10_000,
        getStreamEnabled: Bool = true,
        deleteEnabled: Bool = true,
        allowedOrigins: [String]? = nil,
        hostCheck: MCPHostCheck = .disabled,
        toolsPageSize: Int = 50,
        resourceMetadataURL: String? = nil,
        sseRetryMilliseconds: Int? = 3000,
        keepAliveInterval: Duration = .seconds(15),
        defaultLogLevel: MCPLogLevel = .debug
    ) {
        self.serverInfo = serverInfo
        self.instructions = instructions
        self.supportedVersions = supportedVersions
        self.modernRequestRefusal = modernRequestRefusal
        self.listCacheTTLMilliseconds = listCacheTTLMilliseconds
        self.listCacheScope = listCacheScope
        self.responseMode = responseMode
        self.statefulSessions = statefulSessions
        self.sessionIdleTimeout = sessionIdleTimeout
        self.maximumSessions = maximumSessions
        self.getStreamEnabled = getStreamEnabled
        self.deleteEnabled = deleteEnabled
        self.allowedOrigins = allowedOrigins
        self.hostCheck = hostCheck
        self.toolsPageSize = toolsPageSize
        self.resourceMetadataURL = resourceMetadataURL
        self.sseRetryMilliseconds = sseRetryMilliseconds
        self.keepAliveInterval = keepAliveInterval
        self.defaultLogLevel = defaultLogLevel
    }

    /// The newest supported legacy revision: the answer to an initialize asking for an unknown one.
    public var latestVersion: MCPProtocolVersion {
        supportedVersions.filter { $0.era == .legacy }.max() ?? MCPProtocolVersion.v2025_11_25
    }

    /// Whether requests of `era` are served.
    public func serves(_ era: MCPEra) -> Bool { supportedVersions.contains { $0.era == era } }
}

/// `Implementation` of MCP "Lifecycle" (`title` since 2025-06-18).
public struct MCPImplementationInfo: Sendable, Equatable {
    public var name: String
    public var version: String
    public var title: String?

    public init(name: String, version: String, title: String? = nil) {
        self.name = name
        self.version = version
        self.title = title
    }

    var jsonValue: JSONValue {
        var object = JSONObject()
        object["name"] = .string(name)
        if let title { object["title"] = .string(title) }
        object["version"] = .string(version)
        return .object(object)
    }
}

/// How a POSTed JSON-RPC request is answered (Streamable HTTP "Sending Messages to the Server").
public enum MCPResponseMode: String, Sendable, CaseIterable {
    /// One `application/json` body.
    case json
    /// A `text/event-stream`: priming event, the request's notifications, the response, end.
    case sse
}

/// `cacheScope` of a 2026-07-28 `CacheableResult` (SEP-2549): whether shared intermediaries may
/// cache the result across authorization contexts.
public enum MCPCacheScope: String, Sendable {
    case `public`
    case `private`
}

/// `Host` validation against DNS rebinding (Streamable HTTP "Security Warning"; PySDK answers 421).
public enum MCPHostCheck: Sendable, Equatable {
    case disabled
    /// For loopback binds: `Host` must be `localhost`, `127.0.0.1` or `[::1]` (any port) or one of
    /// `publicHosts` (`host` matches any port, `host:port` only that port; case-insensitive).
    case loopback(publicHosts: [String])
}
