/// An MCP integration as a Gong tech admin creates it (gong.md §1.3, §6.1): Admin center →
/// Settings → Ecosystem → MCP → MCP servers → New MCP server integration (until 2026-10:
/// Ecosystem → API → Integrations → CREATE INTEGRATION → MCP integration).
///
/// The client secret is kept in full so "view credentials" can show it (this is a mock); it is
/// never logged (`Redact.secret`) and is masked everywhere else (`maskedSecret`).
public struct MCPIntegration: Sendable, Equatable, Identifiable {
    public let id: String
    public var name: String
    public let authorizationContext: AuthorizationContext
    public let registrationType: RegistrationType
    public var redirectURIs: [String]
    /// See `RedirectURIRules` ("ChatGPT (dynamic)").
    public var chatGPTDynamicRedirect: Bool
    public var scopes: [MCPScope]
    public let clientId: String
    public var clientSecret: String
    /// Seconds since the Unix epoch, from the server clock.
    public let createdAt: Double
    /// When the secret was last rotated (nil: never).
    public var secretRotatedAt: Double?

    public init(id: String, name: String, authorizationContext: AuthorizationContext, registrationType: RegistrationType,
                redirectURIs: [String], chatGPTDynamicRedirect: Bool, scopes: [MCPScope], clientId: String,
                clientSecret: String, createdAt: Double, secretRotatedAt: Double? = nil) {
        self.id = id
        self.name = name
        self.authorizationContext = authorizationContext
        self.registrationType = registrationType
        self.redirectURIs = redirectURIs
        self.chatGPTDynamicRedirect = chatGPTDynamicRedirect
        self.scopes = scopes
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.createdAt = createdAt
        self.secretRotatedAt = secretRotatedAt
    }

    /// `••••••••` followed by the secret's last four characters.
    public var maskedSecret: String { Self.mask(clientSecret) }

    public static func mask(_ secret: String) -> String {
        "••••••••" + String(secret.suffix(secret.count > 8 ? 4 : 0))
    }

    /// Decides whether an authorization request with `redirectURI` may proceed (see `RedirectURIRules`).
    public func matchRedirect(_ redirectURI: String) -> RedirectURIDecision {
        RedirectURIRules.match(redirectURI, registered: redirectURIs, chatGPTDynamic: chatGPTDynamicRedirect, owner: "integration '\(name)'")
    }

    public func grants(_ scope: MCPScope) -> Bool { scopes.contains(scope) }
}

/// What an admin submits to create an integration. Redirect URIs are raw lines (validated by
/// `RedirectURIRules`); scopes are names (validated by `MCPScope.parse`).
public struct IntegrationDraft: Sendable, Equatable {
    public var name: String
    public var authorizationContext: AuthorizationContext
    public var registrationType: RegistrationType
    public var redirectURIs: [String]
    public var chatGPTDynamicRedirect: Bool
    public var scopes: [String]
    /// Fixed credentials (seed file, CI); generated when nil.
    public var clientId: String?
    public var clientSecret: String?
    /// A fixed integration id (seed file); generated when nil.
    public var id: String?

    public init(name: String, authorizationContext: AuthorizationContext = .default, registrationType: RegistrationType = .default,
                redirectURIs: [String], chatGPTDynamicRedirect: Bool = false, scopes: [String] = MCPScope.all.map(\.rawValue),
                clientId: String? = nil, clientSecret: String? = nil, id: String? = nil) {
        self.name = name
        self.authorizationContext = authorizationContext
        self.registrationType = registrationType
        self.redirectURIs = redirectURIs
        self.chatGPTDynamicRedirect = chatGPTDynamicRedirect
        self.scopes = scopes
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.id = id
    }
}

/// An edit of an existing integration: only what Gong lets an admin change (name, redirect URIs,
/// scopes; plus the mock's ChatGPT flag). nil leaves a field unchanged.
public struct IntegrationChanges: Sendable, Equatable {
    public var name: String?
    public var redirectURIs: [String]?
    public var chatGPTDynamicRedirect: Bool?
    public var scopes: [String]?

    public init(name: String? = nil, redirectURIs: [String]? = nil, chatGPTDynamicRedirect: Bool? = nil, scopes: [String]? = nil) {
        self.name = name
        self.redirectURIs = redirectURIs
        self.chatGPTDynamicRedirect = chatGPTDynamicRedirect
        self.scopes = scopes
    }
}
