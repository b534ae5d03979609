/// A token-endpoint client authentication method (RFC 6749 §2.3, RFC 7591 §2
/// `token_endpoint_auth_method`). `none` is a public client (OAuth 2.1 §2.1) that proves
/// possession of the code with PKCE only.
public enum ClientAuthMethod: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case clientSecretBasic = "client_secret_basic"
    case clientSecretPost = "client_secret_post"
    case none = "none"

    public var description: String { rawValue }
}
