/// A client the authorization server knows (RFC 6749 §2): pre-registered (an admin-created
/// integration), registered dynamically (RFC 7591) or described by a Client ID Metadata Document
/// (draft-ietf-oauth-client-id-metadata-document). The policy builds these; the OAuth layer only
/// reads them.
public struct OAuthClient: Sendable {
    public enum Kind: String, Sendable, Hashable {
        case preRegistered = "pre-registered"
        case dynamic = "dynamic"
        case metadataDocument = "metadata-document"
    }

    public var id: String
    public var name: String
    /// The shared secret of a confidential client; nil for a public client. Compared in constant time.
    public var secret: String?
    public var kind: Kind
    /// Methods this client may authenticate with at the token, revocation and introspection endpoints.
    public var allowedAuthMethods: Set<ClientAuthMethod>
    /// The single method the client registered (RFC 7591 `token_endpoint_auth_method`), enforced
    /// only when the configuration's `tokenEndpointAuthStrictness` is `.registeredMethodOnly`.
    public var registeredAuthMethod: ClientAuthMethod?
    /// Grant types the client may use at the token endpoint (RFC 7591 `grant_types`).
    public var allowedGrantTypes: Set<String>
    /// The scopes the client may obtain; an authorization request without `scope` gets all of them.
    public var allowedScopes: Set<String>
    /// The redirect-URI rule for this client, computed by whoever owns the registration.
    public var redirectDecision: @Sendable (String) -> RedirectDecision
    /// Label/value pairs shown on the consent page, e.g. ("Authorization context", "Personal access").
    public var displayAttributes: [(label: String, value: String)]

    public init(
        id: String,
        name: String,
        secret: String?,
        kind: Kind,
        allowedAuthMethods: Set<ClientAuthMethod>? = nil,
        registeredAuthMethod: ClientAuthMethod? = nil,
        allowedGrantTypes: Set<String> = OAuthClient.defaultGrantTypes,
        allowedScopes: Set<String>,
        displayAttributes: [(label: String, value: String)] = [],
        redirectDecision: @escaping @Sendable (String) -> RedirectDecision
    ) {
        self.id = id
        self.name = name
        self.secret = secret
        self.kind = kind
        self.allowedAuthMethods = allowedAuthMethods ?? (secret == nil ? Self.publicMethods : Self.secretMethods)
        self.registeredAuthMethod = registeredAuthMethod
        self.allowedGrantTypes = allowedGrantTypes
        self.allowedScopes = allowedScopes
        self.displayAttributes = displayAttributes
        self.redirectDecision = redirectDecision
    }

    /// Built once: the policy makes an `OAuthClient` on every token request.
    public static let defaultGrantTypes: Set<String> = ["authorization_code", "refresh_token"]
    static let publicMethods: Set<ClientAuthMethod> = [.none]
    static let secretMethods: Set<ClientAuthMethod> = [.clientSecretBasic, .clientSecretPost]

    /// A client with a secret is confidential (RFC 6749 §2.1).
    public var isConfidential: Bool { secret != nil }
}
