/// Why the integration store refused a request. Each case renders a message an admin can act on,
/// and a stable machine code the admin API returns as `error`.
public enum IntegrationError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(id: String)
    case clientNotFound(clientId: String)
    /// Gong: "Registration type and Authorization context are set at creation and cannot be changed."
    case immutableField(String)
    case readOnlyField(String, reason: String)
    case invalidName(String)
    case unknownScope(String)
    case noScopes
    case invalidRedirectURIs([RedirectURIRejection])
    case noRedirectURIs
    case duplicateClientId(String)
    case invalidCredential(String)
    case registrationRefused(String)
    case notAutomatic(integrationName: String)
    case storage(String)

    /// Gong's wording for the immutable settings.
    public static let cannotChangeWording = "This setting can't be changed once you've submitted the integration."

    public var code: String {
        switch self {
        case .notFound, .clientNotFound: return "not_found"
        case .immutableField: return "immutable_field"
        case .readOnlyField: return "read_only_field"
        case .invalidName: return "invalid_name"
        case .unknownScope: return "unknown_scope"
        case .noScopes: return "no_scopes"
        case .invalidRedirectURIs: return "invalid_redirect_uri"
        case .noRedirectURIs: return "missing_redirect_uri"
        case .duplicateClientId: return "duplicate_client_id"
        case .invalidCredential: return "invalid_credential"
        case .registrationRefused: return "invalid_redirect_uri"
        case .notAutomatic: return "registration_not_allowed"
        case .storage: return "storage_failed"
        }
    }

    public var message: String {
        switch self {
        case .notFound(let id): return "No integration with id '\(id)'."
        case .clientNotFound(let clientId): return "No registered client with client_id '\(clientId)'."
        case .immutableField(let field): return "\(field): \(Self.cannotChangeWording)"
        case .readOnlyField(let field, let reason): return "\(field) is read-only: \(reason)"
        case .invalidName(let reason): return "name: \(reason)"
        case .unknownScope(let scope):
            return "scopes: unknown scope '\(scope)'; known scopes: \(MCPScope.all.map(\.rawValue).joined(separator: ", "))."
        case .noScopes: return "scopes: choose at least one scope."
        case .invalidRedirectURIs(let rejections):
            return "redirectURIs: " + rejections.map(\.message).joined(separator: " ")
        case .noRedirectURIs:
            return "redirectURIs: Required. Enter the callback URL for each MCP client, with one URL per line (or enable ChatGPT's dynamic redirect)."
        case .duplicateClientId(let clientId): return "clientId '\(clientId)' is already used by another integration or registered client."
        case .invalidCredential(let reason): return reason
        case .registrationRefused(let reason): return reason
        case .notAutomatic(let name):
            return "Integration '\(name)' uses MANUAL registration: clients cannot register themselves; copy its client ID and secret instead."
        case .storage(let reason): return "The change could not be saved: \(reason)"
        }
    }

    public var description: String { message }
}
