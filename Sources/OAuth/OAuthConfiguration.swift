import Essentials

/// Everything generic about the authorization server that the layer above decides: where it is,
/// what it advertises, lifetimes, and switches for behaviour that differs from mcp.gong.io's
/// observed defaults (gong.md §4.1). The OAuth layer knows nothing of Gong; the defaults below
/// merely reproduce what mcp.gong.io serves, so that a faithful mock needs no switches.
public struct OAuthConfiguration: Sendable {
    /// Signing algorithm for access tokens (RFC 7518 §3.1).
    public enum SigningAlgorithm: String, Sendable { case es256 = "ES256", rs256 = "RS256" }

    /// How strictly the token endpoint holds a client to its registered auth method.
    public enum AuthMethodStrictness: Sendable {
        /// Any method in the client's `allowedAuthMethods` (and enabled here) is accepted.
        case lenient
        /// Only the client's `registeredAuthMethod`, when it has one (MCP conformance
        /// `auth/token-endpoint-auth-*`: exactly the advertised method).
        case registeredMethodOnly
    }

    /// Endpoint paths, relative to `endpointBaseURL`.
    public struct Paths: Sendable {
        public var authorize = "/oauth2/authorize"
        /// Where the consent form posts; the authorize path accepts the same POST.
        public var authorizeDecision = "/oauth2/authorize/decision"
        public var token = "/oauth2/token"
        /// Extra paths served by the token endpoint (not advertised).
        public var tokenAliases: [String] = []
        public var register = "/oauth2/register"
        public var revoke = "/oauth2/revoke"
        public var introspect = "/oauth2/introspect"
        public var jwks = "/oauth2/jwks"
        public var authorizationServerMetadata = "/.well-known/oauth-authorization-server"
        /// RFC 9728 §3.1 root location; see `serveRootProtectedResourceMetadata`.
        public var rootProtectedResourceMetadata = "/.well-known/oauth-protected-resource"
        public init() {}
    }

    /// The issuer (RFC 8414 §2), exactly as advertised: scheme, host, port, no trailing slash.
    public var issuer: String
    /// The protected resource (the MCP endpoint URL, RFC 8707 / RFC 9728 `resource`).
    public var resource: String
    /// Where the endpoints live; nil means the issuer's origin (one origin serves everything).
    public var endpointBaseURL: String?
    public var paths = Paths()
    /// Advertised in both discovery documents, in this order.
    public var scopesSupported: [String]
    /// Human descriptions shown on the consent page beside each scope.
    public var scopeDescriptions: [String: String] = [:]
    /// What each scope unlocks (for an MCP server, the names of its tools), listed under the
    /// scope on the consent page; an empty list says it unlocks nothing yet, no entry says nothing.
    public var scopeUnlocks: [String: [String]] = [:]
    /// Names the service in the top bar and the title of the sign-in, consent and refusal pages.
    public var pageBrand = "Authorization server"
    /// Seconds an access token lives (`expires_in`).
    public var accessTokenTTL: Int = 3600
    /// Seconds an authorization code lives (RFC 6749 §4.1.2 recommends at most 10 minutes).
    public var authorizationCodeTTL: Int = 600
    /// Seconds the consent page's signed transaction stays valid.
    public var consentTransactionTTL: Int = 600
    /// Seconds a refresh token lives; nil = until its grant is revoked.
    public var refreshTokenTTL: Int? = nil
    /// Issue a new refresh token on every refresh and treat reuse of an old one as theft
    /// (OAuth 2.1 §4.3.1): the whole grant is revoked. False returns the same refresh token.
    public var refreshTokenRotation = true
    /// Seconds a grant is remembered after it ended (revoked, or its refresh token expired by the
    /// server clock) before the store forgets it and its refresh-token chain (issue #16): until
    /// then a replayed code or reused refresh token gets the precise refusal; after, the token is
    /// unknown and still refused. Taken as at least `accessTokenTTL`, so an access token issued
    /// before the end expires before its grant is forgotten (it is refused either way after).
    public var endedGrantRetention: Int = 86_400
    public var signingAlgorithm: SigningAlgorithm = .es256

    /// `registration_endpoint` and the DCR route. nil: advertised and served exactly when the
    /// policy says some automatic registration can succeed (`OAuthPolicy.dynamicRegistrationAvailable`);
    /// true: always; false: never (the route answers 404, like a server without DCR).
    public var advertiseRegistration: Bool? = nil
    /// Serves RFC 7009 revocation at `paths.revoke` and advertises `revocation_endpoint`.
    /// Off: the route answers 404 (mcp.gong.io has no known revocation endpoint).
    public var revocation = false
    /// Serves RFC 7662 introspection at `paths.introspect` and advertises `introspection_endpoint`.
    /// Off: 404.
    public var introspection = false
    /// Advertises `jwks_uri`. The JWKS itself is always served at `paths.jwks` so tests can verify tokens.
    public var advertiseJWKSURI = false
    /// Advertises `authorization_response_iss_parameter_supported: true` (RFC 9207). mcp.gong.io does
    /// not; clients that see it then *require* `iss` in the redirect.
    public var advertiseIssParameter = false
    /// Adds `iss` to every authorization response redirect, success and error (RFC 9207 §2).
    /// On by default: issue #4 requires `code`, `state`, `iss` on success.
    public var includeIssInRedirects = true
    /// Accepts URL-form client IDs resolved from `clientMetadataDocuments` (never fetched) and
    /// advertises `client_id_metadata_document_supported: true`. Off: such IDs are unknown clients.
    public var clientIDMetadataDocuments = false
    /// Offline Client ID Metadata Documents, used when `clientIDMetadataDocuments` is on (none by
    /// default; an application hands in the documents it knows).
    public var clientMetadataDocuments = ClientMetadataDocumentCatalog()
    /// Accepts and advertises `token_endpoint_auth_method` `none` (public clients, PKCE only).
    /// Off (mcp.gong.io): DCR with `none` is refused and public clients cannot redeem codes.
    public var noneAuthMethod = false
    /// Serves RFC 9728 metadata at the root path too. Off (mcp.gong.io): the root path answers 401.
    public var serveRootProtectedResourceMetadata = false
    /// Other well-known paths answered with 401 instead of 404 (some servers, mcp.gong.io among
    /// them, do this for OpenID discovery); none by default.
    public var unauthorizedWellKnownPaths: [String] = []
    public var tokenEndpointAuthStrictness: AuthMethodStrictness = .lenient
    /// Scope requests beyond the client's scopes get the overlap (RFC 6749 §3.3) or, `.strict`,
    /// `invalid_scope`. Also applies to a refresh request's `scope` (never wider than the grant).
    public var scopePolicy: ScopePolicy = .overlap
    /// Accept token parameters in the query string of a POST (some Gong clients send them there).
    public var acceptTokenParametersInQuery = true
    /// Sign-in without a page: a valid authorization request is approved at once for this
    /// subject (matched by id or email through the policy) and answered with a 302.
    public var autoApproveSubject: String? = nil
    /// Largest number of verified access tokens kept in the verification cache.
    public var verifiedTokenCacheLimit = 10_000

    public init(issuer: String, resource: String, scopesSupported: [String]) {
        self.issuer = issuer
        self.resource = resource
        self.scopesSupported = scopesSupported
    }

    /// The origin endpoint URLs are built on.
    public var baseURL: String {
        let base = endpointBaseURL ?? issuer
        return base.hasSuffix("/") ? String(base.dropLast()) : base
    }

    public func url(_ path: String) -> String { baseURL + path }

    /// The path-inserted RFC 9728 location for `resource` (`/mcp` →
    /// `/.well-known/oauth-protected-resource/mcp`), which MCP clients try first.
    public var protectedResourceMetadataPath: String {
        let resourcePath = URIReference(resource)?.path ?? ""
        let trimmed = resourcePath == "/" ? "" : resourcePath
        return paths.rootProtectedResourceMetadata + trimmed
    }

    /// Absolute URL of the path-inserted protected resource metadata, for `WWW-Authenticate`
    /// `resource_metadata` (RFC 9728 §5.1).
    public var protectedResourceMetadataURL: String {
        let origin = URIReference(resource).map { uri -> String in
            var text = uri.scheme + "://" + (uri.host.map { $0.contains(":") ? "[\($0)]" : $0 } ?? "")
            if let port = uri.port { text += ":\(port)" }
            return text
        } ?? baseURL
        return origin + protectedResourceMetadataPath
    }

    /// Auth methods enabled for the token endpoint, in advertised order.
    public var enabledAuthMethods: [ClientAuthMethod] {
        noneAuthMethod ? [.clientSecretBasic, .clientSecretPost, .none] : [.clientSecretBasic, .clientSecretPost]
    }
}
