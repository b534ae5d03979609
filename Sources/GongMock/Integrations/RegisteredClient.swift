/// An OAuth client that registered itself (RFC 7591 Dynamic Client Registration) under an
/// AUTOMATIC integration. It inherits the integration's authorization context and scopes; its
/// redirect URIs were admitted by the integration's list (`RedirectURIRules`).
public struct RegisteredClient: Sendable, Equatable, Identifiable {
    /// RFC 7591 §2 `token_endpoint_auth_method`.
    public enum AuthMethod: String, Sendable, CaseIterable {
        case none
        case clientSecretBasic = "client_secret_basic"
        case clientSecretPost = "client_secret_post"
    }

    public let clientId: String
    /// nil for public clients (`token_endpoint_auth_method` = `none`).
    public let clientSecret: String?
    public let authMethod: AuthMethod
    public let redirectURIs: [String]
    /// RFC 7591 `client_name`, if given.
    public let name: String?
    public let integrationId: String
    public let createdAt: Double

    public var id: String { clientId }

    public init(clientId: String, clientSecret: String?, authMethod: AuthMethod, redirectURIs: [String], name: String?,
                integrationId: String, createdAt: Double) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.authMethod = authMethod
        self.redirectURIs = redirectURIs
        self.name = name
        self.integrationId = integrationId
        self.createdAt = createdAt
    }

    /// Matches exactly against the client's own registered URIs (plus loopback any port).
    public func matchRedirect(_ redirectURI: String) -> RedirectURIDecision {
        RedirectURIRules.match(redirectURI, registered: redirectURIs, chatGPTDynamic: false, owner: "client '\(name ?? clientId)'")
    }
}

/// A DCR request the OAuth layer has parsed, for `IntegrationStore.registerClient`.
public struct RegisteredClientDraft: Sendable, Equatable {
    public var integrationId: String
    public var authMethod: RegisteredClient.AuthMethod
    public var redirectURIs: [String]
    public var name: String?
    /// Credentials already issued by the OAuth layer (RFC 7591 §3.2.1 answers with them), kept as
    /// they are so the registration response and the stored client agree; generated when nil.
    public var clientId: String?
    public var clientSecret: String?

    public init(integrationId: String, authMethod: RegisteredClient.AuthMethod, redirectURIs: [String], name: String?,
                clientId: String? = nil, clientSecret: String? = nil) {
        self.integrationId = integrationId
        self.authMethod = authMethod
        self.redirectURIs = redirectURIs
        self.name = name
        self.clientId = clientId
        self.clientSecret = clientSecret
    }
}
