import Essentials

/// What the authorization server asks the layer above: who the clients and people are and what
/// they may do. The OAuth layer enforces the protocol (RFC 6749, RFC 7636, RFC 7591, RFC 8707);
/// every business rule (which integrations exist, who holds a seat, which redirect URIs an
/// admin approved) lives behind this protocol.
///
/// Implementations must not call back into the `OAuthServer` from these methods.
public protocol OAuthPolicy: Sendable {
    /// A registered client (pre-registered or dynamically registered), nil if unknown.
    func client(id: String) -> OAuthClient?

    /// Whether `POST` to the registration endpoint can succeed at all; used when the
    /// configuration's `advertiseRegistration` is nil.
    var dynamicRegistrationAvailable: Bool { get }

    /// Approves and persists a validated dynamic registration, returning the client that
    /// `client(id:)` will return from now on.
    func registerClient(_ request: ClientRegistrationRequest) -> Result<OAuthClient, RegistrationRefusal>

    /// Decides whether a client described by a (validated, offline) metadata document may
    /// connect and with which scopes.
    func metadataDocumentClient(_ document: ClientMetadataDocument) -> Result<OAuthClient, MetadataDocumentRefusal>

    /// People offered on the sign-in page for this client.
    func users(for client: OAuthClient) -> [OAuthSubject]

    /// The person with this id or email (case-insensitive), nil if none.
    func subject(matching idOrEmail: String, for client: OAuthClient) -> OAuthSubject?

    /// Claims added to access tokens and introspection answers; reserved JWT claims are ignored.
    func additionalClaims(subject: OAuthSubject, client: OAuthClient) -> JSONObject

    /// nil while the authorization of `subjectID` for `clientID` still stands; otherwise the
    /// reason its tokens stopped working. Called on every refresh and access-token verification.
    func isAuthorizationStillValid(clientID: String, subjectID: String) -> String?

    /// What a client developer should do when dynamic registration cannot succeed, in plain
    /// words (how to get a client ID and secret instead). `switchedOff`: the configuration turned
    /// registration off, whatever the policy would allow.
    func registrationUnavailableAdvice(switchedOff: Bool) -> String

    /// Why `token_endpoint_auth_method: none` (a public client) is refused while the
    /// configuration's `noneAuthMethod` is off, and how to allow it.
    var publicClientAdvice: String { get }
}

extension OAuthPolicy {
    public func registrationUnavailableAdvice(switchedOff: Bool) -> String {
        "Dynamic client registration (RFC 7591) is not available on this server; configure your client with a pre-registered client ID and secret."
    }

    public var publicClientAdvice: String {
        "This server does not accept public clients (token_endpoint_auth_method none); register with client_secret_basic or client_secret_post."
    }
}

/// Why the policy refused a metadata-document client; shown on the error page.
public struct MetadataDocumentRefusal: Error, Sendable, Equatable {
    public let explanation: String
    public init(_ explanation: String) { self.explanation = explanation }
}
