import Essentials
import HTTPServer

/// An OAuth error response as JSON (RFC 6749 §5.2, RFC 7591 §3.2.2, RFC 7009 §2.2.1, RFC 8707 §2):
/// `{"error": code, "error_description": text}` with `Cache-Control: no-store`.
/// `invalid_client` is a 401 carrying `WWW-Authenticate: Basic` (RFC 6749 §5.2; RFC 9110 §15.5.2:
/// every 401 carries a challenge), whichever client authentication was tried.
public struct OAuthError: HTTPResponseError, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case invalidRequest = "invalid_request"
        case invalidClient = "invalid_client"
        case invalidGrant = "invalid_grant"
        case unauthorizedClient = "unauthorized_client"
        case unsupportedGrantType = "unsupported_grant_type"
        case invalidScope = "invalid_scope"
        case invalidTarget = "invalid_target"
        case accessDenied = "access_denied"
        case unsupportedResponseType = "unsupported_response_type"
        case unsupportedTokenType = "unsupported_token_type"
        case invalidRedirectURI = "invalid_redirect_uri"
        case invalidClientMetadata = "invalid_client_metadata"
        case serverError = "server_error"
        case temporarilyUnavailable = "temporarily_unavailable"
    }

    public let code: Code
    public let explanation: String
    public let status: HTTPStatus
    public var headers: HTTPHeaders

    public init(_ code: Code, _ explanation: String, status: HTTPStatus? = nil, headers: HTTPHeaders = HTTPHeaders()) {
        self.code = code
        self.explanation = explanation
        self.status = status ?? (code == .invalidClient ? .unauthorized : code == .serverError ? .internalServerError : .badRequest)
        self.headers = headers
    }

    /// `invalid_client` with the Basic challenge. RFC 6749 §5.2 requires it when the client used
    /// the Authorization header; RFC 9110 §15.5.2 requires a challenge on any 401, and Basic is the
    /// scheme this endpoint takes, so it is sent whatever the client tried (`usedBasic` only
    /// documents the call site).
    public static func invalidClient(_ explanation: String, usedBasic: Bool, realm: String) -> OAuthError {
        var headers = HTTPHeaders()
        headers.add("WWW-Authenticate", "Basic realm=\"\(realm)\"")
        return OAuthError(.invalidClient, explanation, headers: headers)
    }

    public func response() -> HTTPResponse {
        var headers = headers
        headers.replaceOrAdd("Cache-Control", "no-store")
        headers.replaceOrAdd("Pragma", "no-cache")
        let body: JSONValue = ["error": .string(code.rawValue), "error_description": .string(explanation)]
        return .json(JSONSerializer.bytes(body), status: status, headers: headers)
    }

    public var description: String { "\(code.rawValue): \(explanation)" }

    public static func == (lhs: OAuthError, rhs: OAuthError) -> Bool {
        lhs.code == rhs.code && lhs.explanation == rhs.explanation && lhs.status == rhs.status && lhs.headers == rhs.headers
    }
}
