import Essentials
import HTTPServer

/// The bearer gate in front of the MCP endpoint (MCP "Authorization" §Access Token Usage; RFC 6750).
///
/// Called on every POST, GET and DELETE before any MCP processing, inside a session too (MCP
/// sessions never authenticate). The MCP layer reads no credential itself: not the
/// `Authorization` header and never an `access_token` query parameter. Whatever the authenticator
/// decides from the request is final, so a query-string token is refused exactly when the
/// authenticator refuses requests without a header token.
public protocol MCPAuthenticator: Sendable {
    func authenticate(_ request: HTTPRequest) -> MCPAuthentication
}

/// The gate's verdict.
public enum MCPAuthentication: Sendable {
    case authenticated(MCPPrincipal)
    /// Sent as is (e.g. a 401 with the deployment's exact `WWW-Authenticate`); CORS headers, when
    /// on, come from `CORSMiddleware` around the router.
    case rejected(HTTPResponse)
}

/// Who a verified access token speaks for. A session is bound to `subject` + `clientID`: the
/// same session id presented with another principal's token is treated as unknown (404).
public struct MCPPrincipal: Sendable, Equatable {
    public var subject: String
    public var clientID: String
    public var scopes: Set<String>
    /// Further verified claims (issuer, audience, integration context, …) for the tools.
    public var claims: JSONObject

    public init(subject: String, clientID: String, scopes: Set<String>, claims: JSONObject = JSONObject()) {
        self.subject = subject
        self.clientID = clientID
        self.scopes = scopes
        self.claims = claims
    }

    /// The key a session is bound to.
    var bindingKey: String { subject + "\u{0}" + clientID }
}

/// An authenticator from a closure.
public struct ClosureAuthenticator: MCPAuthenticator {
    private let body: @Sendable (HTTPRequest) -> MCPAuthentication
    public init(_ body: @escaping @Sendable (HTTPRequest) -> MCPAuthentication) { self.body = body }
    public func authenticate(_ request: HTTPRequest) -> MCPAuthentication { body(request) }
}
