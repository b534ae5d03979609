import HTTPServer

/// What the token endpoint knows about a request once the client is authenticated and the grant
/// type is checked, and before anything is redeemed (RFC 6749 §3.2): the facts a test hook (the
/// mock's fault plane) decides on. Nothing has been consumed yet, so a refusal here leaves the
/// code or refresh token usable.
public struct TokenRequestFacts: Sendable {
    public let clientID: String
    /// `authorization_code` or `refresh_token`.
    public let grantType: String
    public let authMethod: ClientAuthMethod

    public init(clientID: String, grantType: String, authMethod: ClientAuthMethod) {
        self.clientID = clientID
        self.grantType = grantType
        self.authMethod = authMethod
    }
}

/// A token hook's verdict.
public enum TokenRequestDecision: Sendable {
    /// Go on as configured.
    case proceed
    /// Go on, but answer a refresh without a new refresh token (the presented one stays valid),
    /// as servers without rotation do (RFC 6749 §6: "MAY issue a new refresh token").
    case proceedWithoutRotation
    /// Answer this instead; nothing is redeemed.
    case respond(HTTPResponse)
}

/// Consulted by the token endpoint for every request that reached a grant.
public typealias TokenRequestHook = @Sendable (TokenRequestFacts) -> TokenRequestDecision
