import Essentials
import HTTPServer
import OAuth

/// Two authorization servers (consent page; auto-approve) with a confidential and a public
/// client, built once before fuzzing so their keys are not counted as per-input leaks.
enum OAuthFormsFuzzServers {
    static let clientID = "fuzz-client"
    static let secret = "fuzz-secret"
    static let redirects = ["https://client.example/cb", "http://127.0.0.1/callback"]
    /// RFC 6749 §5.2 plus RFC 8707 §2 (`invalid_target`) and RFC 6750 (`invalid_token`).
    static let tokenErrors: Set<String> = ["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client",
                                           "unsupported_grant_type", "invalid_scope", "invalid_target", "invalid_token"]

    static let servers: (consent: Router, autoApprove: Router) = (make(autoApprove: nil), make(autoApprove: "u-1"))

    static func make(autoApprove: String?) -> Router {
        var configuration = OAuthConfiguration(issuer: "http://127.0.0.1:7777", resource: "http://127.0.0.1:7777/mcp",
                                               scopesSupported: Policy.scopes)
        configuration.autoApproveSubject = autoApprove
        configuration.revocation = true
        configuration.introspection = true
        let clock = ManualClock()
        do {
            let server = try OAuthServer(configuration: configuration, policy: Policy(), clock: clock,
                                         logger: Logger(category: "oauth", clock: clock))
            var router = Router()
            server.install(into: &router)
            return router
        } catch {
            FuzzCheck.fail("the OAuth server did not start: \(error)")
        }
    }

    /// Whether a redirect's target (before `?`) is a registered URI; loopback ones match on any
    /// port (RFC 8252 §7.3), as `RedirectURIMatcher` allows.
    static func isRegistered(_ location: String) -> Bool {
        let target = location.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        if redirects.contains(target) { return true }
        let loopback = "http://127.0.0.1"
        guard target.hasPrefix(loopback + ":") else { return false }
        let rest = target.dropFirst(loopback.count + 1)
        let port = rest.prefix { $0.isNumber }
        return !port.isEmpty && port.count <= 5 && redirects.contains(loopback + rest.dropFirst(port.count))
    }

    static func errorCode(_ response: HTTPResponse) -> String? {
        guard case .bytes(let bytes) = response.body, let value = try? JSONParser.parse(bytes) else { return nil }
        return value["error"]?.stringValue
    }

    /// A fixed set of clients and people; registration and metadata documents refused.
    struct Policy: OAuthPolicy {
        static let scopes = ["mcp:ai-ask:read", "mcp:ai-briefer:read"]
        let subjects = [OAuthSubject(id: "u-1", displayName: "Ada", email: "ada@example.com")]

        func client(id: String) -> OAuthClient? {
            let registered = OAuthFormsFuzzServers.redirects
            switch id {
            case OAuthFormsFuzzServers.clientID:
                return OAuthClient(id: id, name: "Fuzz", secret: OAuthFormsFuzzServers.secret, kind: .preRegistered,
                                   allowedScopes: Set(Self.scopes),
                                   redirectDecision: { RedirectURIMatcher.decision(for: $0, registered: registered) })
            case "fuzz-public":
                return OAuthClient(id: id, name: "Public", secret: nil, kind: .dynamic, allowedAuthMethods: [.none],
                                   registeredAuthMethod: ClientAuthMethod.none, allowedScopes: Set(Self.scopes),
                                   redirectDecision: { RedirectURIMatcher.decision(for: $0, registered: registered) })
            default:
                return nil
            }
        }

        var dynamicRegistrationAvailable: Bool { false }

        func registerClient(_ request: ClientRegistrationRequest) -> Result<OAuthClient, RegistrationRefusal> {
            .failure(RegistrationRefusal(.invalidClientMetadata, "registration is closed"))
        }

        func metadataDocumentClient(_ document: ClientMetadataDocument) -> Result<OAuthClient, MetadataDocumentRefusal> {
            .failure(MetadataDocumentRefusal("metadata documents are not accepted"))
        }

        func users(for client: OAuthClient) -> [OAuthSubject] { subjects }

        func subject(matching idOrEmail: String, for client: OAuthClient) -> OAuthSubject? {
            subjects.first { $0.id == idOrEmail || $0.email == idOrEmail }
        }

        func additionalClaims(subject: OAuthSubject, client: OAuthClient) -> JSONObject { JSONObject() }

        func isAuthorizationStillValid(clientID: String, subjectID: String) -> String? { nil }
    }
}
