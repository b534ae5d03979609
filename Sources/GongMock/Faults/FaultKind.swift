import Essentials

/// Every fault the test controls can inject (issue #15 §2), kebab-case as on the wire, with the
/// parameters each accepts. Client-quirk kinds reproduce what `reference/mcp.md` records of real
/// servers, so a client can be tested against them offline.
public enum FaultKind: String, Sendable, CaseIterable, Equatable {
    case tokenError = "token-error"
    case accessTokenExpire = "access-token-expire"
    case refreshTokenReject = "refresh-token-reject"
    case refreshWithoutRotation = "refresh-without-rotation"
    case expiredTokenAsToolError = "expired-token-as-tool-error"
    case insufficientScope = "insufficient-scope"
    case creditsExhaust = "credits-exhaust"
    case latency
    case httpStatus = "http-status"
    case dropConnection = "drop-connection"
    case tokenRedirect307 = "token-redirect-307"
    case issuerTrailingSlash = "issuer-trailing-slash"
    case resourceTrailingSlash = "resource-trailing-slash"
    case noCodeChallengeMethods = "no-code-challenge-methods"
    case tokenAuthBasicOnly = "token-auth-basic-only"
    case register404 = "register-404"
    case slowToken = "slow-token"

    /// One parameter: its name, what it takes, and whether it must be given.
    public struct Parameter: Sendable {
        public let name: String
        public let type: String
        public let required: Bool
        public let summary: String
    }

    static let times = Parameter(name: "times", type: "integer >= 1", required: false, summary: "fire this many times, then stay listed as spent; without it the fault fires until deleted")
    static let clientId = Parameter(name: "clientId", type: "string", required: false, summary: "only requests of this OAuth client")
    static let integrationId = Parameter(name: "integrationId", type: "string", required: false, summary: "only clients of this MCP integration (its own client and clients registered under it)")
    static let path = Parameter(name: "path", type: "string", required: false, summary: "only this request path (a trailing * matches a prefix); default every path except /healthz and /_mock/*")
    static let ms = Parameter(name: "ms", type: "integer 0...60000", required: true, summary: "milliseconds to hold the answer")

    /// Whether the fault can be aimed at one client.
    public var takesClient: Bool {
        switch self {
        case .tokenError, .accessTokenExpire, .refreshTokenReject, .refreshWithoutRotation,
             .expiredTokenAsToolError, .insufficientScope, .creditsExhaust:
            return true
        default:
            return false
        }
    }

    /// The parameters of this kind besides `kind` itself.
    public var parameters: [Parameter] {
        var list = [Self.times]
        if takesClient { list += [Self.clientId, Self.integrationId] }
        switch self {
        case .tokenError:
            list += [Parameter(name: "error", type: "string", required: false, summary: "the OAuth error code (default invalid_grant)"),
                     Parameter(name: "status", type: "integer 400...599", required: false, summary: "the HTTP status (default 400)"),
                     Parameter(name: "description", type: "string", required: false, summary: "error_description (default: names the fault)")]
        case .accessTokenExpire:
            list += [Parameter(name: "when", type: "\"now\"", required: false, summary: "expire the tokens issued so far now (the default)"),
                     Parameter(name: "afterCalls", type: "integer >= 0", required: false, summary: "let this many more MCP requests through, then expire the tokens issued so far")]
        case .insufficientScope:
            list += [Parameter(name: "tool", type: "string", required: true, summary: "the tool whose calls get 403 insufficient_scope (ask_account, ask_deal, generate_brief, research_conversations, search_conversations)")]
        case .creditsExhaust:
            list += [Parameter(name: "atCall", type: "integer >= 1", required: false, summary: "1 is the next tools/call after the fault is added (default 1); that call and later ones meet the exhaustion mode")]
        case .latency:
            list += [Self.path, Self.ms]
        case .httpStatus:
            list += [Self.path,
                     Parameter(name: "status", type: "integer 400...599", required: true, summary: "the status to answer"),
                     Parameter(name: "retryAfter", type: "integer >= 0", required: false, summary: "seconds for a Retry-After header")]
        case .dropConnection:
            list += [Self.path]
        case .slowToken:
            list += [Self.ms]
        case .refreshTokenReject, .refreshWithoutRotation, .expiredTokenAsToolError, .tokenRedirect307, .issuerTrailingSlash,
             .resourceTrailingSlash, .noCodeChallengeMethods, .tokenAuthBasicOnly, .register404:
            break
        }
        return list
    }

    /// What a client sees while the fault fires.
    public var effect: String {
        switch self {
        case .tokenError: return "token requests get {\"error\"} with the given status, before anything is redeemed"
        case .accessTokenExpire: return "MCP requests with an access token issued before the fault armed get 401 invalid_token \"expired\" (by issuance order, exact even within one second); a token obtained afterwards works"
        case .refreshTokenReject: return "refresh requests get 400 invalid_grant: the refresh token is refused as reused (it is not consumed)"
        case .refreshWithoutRotation: return "refresh answers without a new refresh_token; the presented one stays valid"
        case .expiredTokenAsToolError: return "an invalid or expired bearer token gets 200 with a JSON-RPC tool error instead of 401"
        case .insufficientScope: return "tools/call of the tool gets 403 with a Bearer insufficient_scope step-up challenge"
        case .creditsExhaust: return "from the atCall-th tools/call on, calls meet the configured exhaustion mode (--credits-exhausted) and charge nothing"
        case .latency: return "answers are held ms milliseconds"
        case .httpStatus: return "requests get this status with a JSON error body (and Retry-After when given), unprocessed"
        case .dropConnection: return "the connection closes without a response"
        case .tokenRedirect307: return "the token endpoint answers 307 with Location: itself"
        case .issuerTrailingSlash: return "authorization-server metadata `issuer` gains a trailing /"
        case .resourceTrailingSlash: return "protected-resource metadata `resource` gains a trailing /"
        case .noCodeChallengeMethods: return "authorization-server metadata omits code_challenge_methods_supported"
        case .tokenAuthBasicOnly: return "metadata lists only client_secret_basic and the token endpoint refuses other client authentication with 401 invalid_client"
        case .register404: return "the registration endpoint answers 404"
        case .slowToken: return "token endpoint answers are held ms milliseconds"
        }
    }

    /// `GET /_mock/faults/kinds`.
    public static var catalog: JSONValue {
        .array(allCases.map { kind in
            var entry = JSONObject()
            entry["kind"] = .string(kind.rawValue)
            entry["effect"] = .string(kind.effect)
            entry["parameters"] = .array(kind.parameters.map { parameter in
                var item = JSONObject()
                item["name"] = .string(parameter.name)
                item["type"] = .string(parameter.type)
                item["required"] = .bool(parameter.required)
                item["summary"] = .string(parameter.summary)
                return .object(item)
            })
            return .object(entry)
        })
    }
}
