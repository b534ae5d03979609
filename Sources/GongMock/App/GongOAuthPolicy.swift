import Essentials
import HTTPServer
import OAuth

/// Gong's business rules behind the generic authorization server: which clients exist (MANUAL
/// integrations with their admin-issued credentials, clients registered automatically under an
/// AUTOMATIC integration, CIMD clients an AUTOMATIC integration admits), who may sign in (active
/// users with a paid seat: gong.md §1.7, "Collaborator seats cannot connect"), and the claims a
/// token carries.
public struct GongOAuthPolicy: OAuthPolicy {
    let integrations: IntegrationStore
    /// Read once per decision: the edition in use (users and seats do not change with the anchor).
    let company: CompanyStore
    /// The offline CIMD documents the OAuth configuration resolves (built-in plus seeded).
    let catalog: ClientMetadataDocumentCatalog
    /// `.overlap`: a registration asking for scopes beyond the integration's is registered with the
    /// integration's scopes (RFC 7591 §2 lets the server replace `scope`); `.strict` refuses it.
    public var scopePolicy: ScopePolicy = .overlap

    public init(integrations: IntegrationStore, company: CompanyStore, catalog: ClientMetadataDocumentCatalog = GongClientMetadataDocuments.catalog) {
        self.integrations = integrations
        self.company = company
        self.catalog = catalog
    }

    public func client(id: String) -> OAuthClient? {
        if let integration = integrations.integration(clientId: id) { return Self.client(for: integration) }
        guard let registered = integrations.registeredClient(clientId: id),
              let parent = integrations.get(id: registered.integrationId) else { return nil }
        return Self.client(for: registered, under: parent)
    }

    public var dynamicRegistrationAvailable: Bool {
        integrations.list().contains { $0.registrationType == .automatic }
    }

    public func registerClient(_ request: ClientRegistrationRequest) -> Result<OAuthClient, RegistrationRefusal> {
        let parent: MCPIntegration
        switch automaticIntegration(admitting: request.redirectURIs) {
        case .success(let integration): parent = integration
        case .failure(let reason): return .failure(RegistrationRefusal(.invalidRedirectURI, reason.description))
        }
        if let requested = request.requestedScopes {
            let unknown = requested.filter { scope in !parent.scopes.contains { $0.rawValue == scope } }
            let overlaps = requested.contains { scope in parent.scopes.contains { $0.rawValue == scope } }
            if !unknown.isEmpty, scopePolicy == .strict || !overlaps {
                return .failure(RegistrationRefusal(.invalidClientMetadata,
                    "scope \(unknown.joined(separator: " ")) is not granted by integration '\(parent.name)'; it grants \(parent.scopes.map(\.rawValue).joined(separator: " "))."))
            }
        }
        let method: RegisteredClient.AuthMethod
        switch request.tokenEndpointAuthMethod {
        case .none: method = .none
        case .clientSecretPost: method = .clientSecretPost
        case .clientSecretBasic: method = .clientSecretBasic
        }
        let draft = RegisteredClientDraft(integrationId: parent.id, authMethod: method, redirectURIs: request.redirectURIs,
                                          name: request.clientName, clientId: request.clientID, clientSecret: request.clientSecret)
        do {
            let registered = try integrations.registerClient(draft)
            return .success(Self.client(for: registered, under: parent))
        } catch {
            return .failure(RegistrationRefusal(.invalidClientMetadata, error.message))
        }
    }

    public func metadataDocumentClient(_ document: ClientMetadataDocument) -> Result<OAuthClient, MetadataDocumentRefusal> {
        switch automaticIntegration(admitting: document.redirectURIs) {
        case .failure(let reason):
            return .failure(MetadataDocumentRefusal("client \(document.clientID) (\(document.clientName)) cannot connect: \(reason)"))
        case .success(let parent):
            let redirects = document.redirectURIs
            let client = OAuthClient(
                id: document.clientID, name: document.clientName, secret: nil, kind: .metadataDocument,
                allowedScopes: Set(parent.scopes.map(\.rawValue)),
                displayAttributes: Self.attributes(of: parent, via: "Client ID Metadata Document"),
                redirectDecision: { uri in
                    Self.decision(RedirectURIRules.match(uri, registered: redirects, chatGPTDynamic: false, owner: "client '\(document.clientName)'"))
                })
            return .success(client)
        }
    }

    public func users(for client: OAuthClient) -> [OAuthSubject] {
        company.current.users.map(Self.subject(for:))
    }

    public func subject(matching idOrEmail: String, for client: OAuthClient) -> OAuthSubject? {
        let key = idOrEmail.trimmingHTTPWhitespace()
        let company = self.company.current
        return (company.user(id: key) ?? company.user(email: key)).map(Self.subject(for:))
    }

    public func additionalClaims(subject: OAuthSubject, client: OAuthClient) -> JSONObject {
        var claims = JSONObject()
        guard let integration = integration(forClientID: client.id) else { return claims }
        claims[GongTokenClaims.integrationID] = .string(integration.id)
        claims[GongTokenClaims.integrationName] = .string(integration.name)
        claims[GongTokenClaims.authorizationContext] = .string(integration.authorizationContext.rawValue)
        let company = self.company.current
        claims[GongTokenClaims.companyID] = .string(company.company.id)
        claims[GongTokenClaims.workspaceID] = .string(company.workspace.id)
        return claims
    }

    public func isAuthorizationStillValid(clientID: String, subjectID: String) -> String? {
        if integration(forClientID: clientID) == nil {
            return "the MCP integration behind client \(clientID) was deleted"
        }
        guard let user = company.current.user(id: subjectID) else { return "Gong user \(subjectID) no longer exists" }
        if !user.active { return "Gong user \(user.email) is deactivated" }
        if user.seatType != .paid { return "Gong user \(user.email) no longer holds a paid seat" }
        return nil
    }

    /// The integration a client id belongs to: its own, the parent of a registered client, or the
    /// AUTOMATIC integration admitting a metadata-document client.
    func integration(forClientID clientID: String) -> MCPIntegration? {
        if let integration = integrations.integration(clientId: clientID) { return integration }
        if let registered = integrations.registeredClient(clientId: clientID) { return integrations.get(id: registered.integrationId) }
        if ClientMetadataDocumentCatalog.isURLFormClientID(clientID), case .success(let document) = catalog.resolve(clientID),
           case .success(let integration) = automaticIntegration(admitting: document.redirectURIs) {
            return integration
        }
        return nil
    }

    /// The first AUTOMATIC integration whose redirect list admits every URI, or why none does.
    func automaticIntegration(admitting redirectURIs: [String]) -> Result<MCPIntegration, RefusalReason> {
        let automatic = integrations.list().filter { $0.registrationType == .automatic }
        guard !automatic.isEmpty else {
            return .failure(RefusalReason(registrationUnavailableAdvice(switchedOff: false)))
        }
        guard !redirectURIs.isEmpty else { return .failure(RefusalReason("redirect_uris is empty.")) }
        var firstRefusal: String?
        for integration in automatic {
            let decisions = RedirectURIRules.registrationDecisions(redirectURIs, registered: integration.redirectURIs,
                                                                   chatGPTDynamic: integration.chatGPTDynamicRedirect, owner: "integration '\(integration.name)'")
            if let refused = decisions.first(where: { !$0.isAllowed }) {
                firstRefusal = firstRefusal ?? refused.explanation
                continue
            }
            return .success(integration)
        }
        let names = automatic.map { "'\($0.name)'" }.joined(separator: ", ")
        return .failure(RefusalReason("no Automatic integration (\(names)) admits every redirect URI. \(firstRefusal ?? "")"))
    }

    struct RefusalReason: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static func client(for integration: MCPIntegration) -> OAuthClient {
        OAuthClient(
            id: integration.clientId, name: integration.name, secret: integration.clientSecret, kind: .preRegistered,
            allowedScopes: Set(integration.scopes.map(\.rawValue)),
            displayAttributes: attributes(of: integration, via: integration.registrationType.label),
            redirectDecision: { uri in decision(integration.matchRedirect(uri)) })
    }

    static func client(for registered: RegisteredClient, under parent: MCPIntegration) -> OAuthClient {
        let method: ClientAuthMethod
        switch registered.authMethod {
        case .none: method = .none
        case .clientSecretBasic: method = .clientSecretBasic
        case .clientSecretPost: method = .clientSecretPost
        }
        return OAuthClient(
            id: registered.clientId, name: registered.name ?? "Client registered under \(parent.name)",
            secret: registered.clientSecret, kind: .dynamic,
            allowedAuthMethods: registered.clientSecret == nil ? [.none] : [.clientSecretBasic, .clientSecretPost],
            registeredAuthMethod: method,
            allowedScopes: Set(parent.scopes.map(\.rawValue)),
            displayAttributes: attributes(of: parent, via: "Automatic (dynamic client registration)"),
            redirectDecision: { uri in decision(registered.matchRedirect(uri)) })
    }

    static func attributes(of integration: MCPIntegration, via registration: String) -> [(label: String, value: String)] {
        [("MCP integration", integration.name),
         ("Authorization context", "\(integration.authorizationContext.label): \(integration.authorizationContext.explanation)"),
         ("Registration type", registration)]
    }

    static func decision(_ decision: RedirectURIDecision) -> RedirectDecision { decision.redirectDecision }

    static func subject(for user: CompanyUser) -> OAuthSubject {
        let reason: String?
        // Without the person's name: the consent page groups people by reason, and the refusal
        // names the person before it.
        if !user.active {
            reason = "Deactivated users cannot connect to the Gong MCP server"
        } else if user.seatType != .paid {
            reason = "Collaborator seats cannot connect to the Gong MCP server; a paid Gong seat is required"
        } else {
            reason = nil
        }
        return OAuthSubject(id: user.id, displayName: user.name, email: user.email, canAuthorize: reason == nil, refusalReason: reason)
    }
}
