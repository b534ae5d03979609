import Essentials
import HTTPServer
import MCP
import OAuth

/// The bearer gate in front of `/mcp` (RFC 6750 §2.1, §3; MCP authorization "Access Token Usage"),
/// answering the way mcp.gong.io does (gong.md §4.2): a missing token gets exactly
/// `WWW-Authenticate: Bearer realm="mcp", resource_metadata=<PRM URL>` — the URL unquoted, as Gong
/// sends it — and an invalid one adds `error="invalid_token"` with a description of what is wrong.
/// The token is read only from the `Authorization` header: one in the query string (`access_token`,
/// RFC 6750 §2.3, which MCP forbids) gets 400 `invalid_request` (RFC 6750 §3.1), with or without a header.
public struct GongBearerAuthenticator: MCPAuthenticator {
    /// How the challenge is written. `.gong` is the observed wire form; `.rfc` quotes every
    /// parameter value (RFC 7235 §2.1) and adds `error="invalid_token"` even when no token was
    /// sent, as the MCP Python SDK's own server does.
    public enum ChallengeStyle: String, Sendable, CaseIterable { case gong, rfc }

    let verify: @Sendable (String) -> Result<VerifiedAccessToken, AccessTokenRejection>
    let resourceMetadataURL: String
    let style: ChallengeStyle
    let logger: Logger
    /// The fault plane's bearer hook (forced expiry, withheld scopes, 401 as a tool error).
    let faults: FaultPlane?
    /// The scope each tool requires, for the `insufficient-scope` fault.
    let toolScopes: [String: String]

    public init(resourceMetadataURL: String, style: ChallengeStyle = .gong, logger: Logger, faults: FaultPlane? = nil,
                toolScopes: [String: String] = [:], verify: @escaping @Sendable (String) -> Result<VerifiedAccessToken, AccessTokenRejection>) {
        self.verify = verify
        self.faults = faults
        self.toolScopes = toolScopes
        self.resourceMetadataURL = resourceMetadataURL
        self.style = style
        self.logger = logger
    }

    public func authenticate(_ request: HTTPRequest) -> MCPAuthentication {
        if let token = request.queryItems.first(where: { $0.name == "access_token" })?.value {
            // Refused either way; verifying it only tells the journal whose token it was.
            RequestOutcome.current?.update(GongRequestOutcome.self, initial: GongRequestOutcome()) { $0.tokenInQuery = true }
            _ = verify(token)
            return .rejected(challenge(error: "invalid_request", status: .badRequest,
                description: "an access token in the query string (access_token) is not accepted: send it in the Authorization header as 'Authorization: Bearer <access token>' (MCP authorization spec; RFC 6750 §2.1, §2.3)"))
        }
        guard let header = request.headers["Authorization"] else {
            return .rejected(challenge(error: nil, description: "no bearer token: send Authorization: Bearer <access token>"))
        }
        guard let token = Self.bearerToken(header) else {
            return .rejected(challenge(error: "invalid_request",
                description: "the Authorization header must use the Bearer scheme (RFC 6750 §2.1)"))
        }
        var result = verify(token)
        if case .success(let verified) = result, let expiredAt = faults?.forcedExpiry(of: verified) {
            result = .failure(.expired(at: expiredAt))
        }
        switch result {
        case .success(let verified):
            let withheld = faults?.withheldScopes(request, clientID: verified.clientID, toolScopes: toolScopes) ?? []
            return .authenticated(MCPPrincipal(subject: verified.subject, clientID: verified.clientID,
                                               scopes: verified.scopes.subtracting(withheld), claims: verified.claims))
        case .failure(let rejection):
            logger.info("bearer token refused", [("rule", rejection.rule), ("reason", rejection.description),
                                                 ("token", Redact.secret(token))])
            if let answer = faults?.toolErrorInsteadOf401(request, reason: rejection.description) { return .rejected(answer) }
            return .rejected(challenge(error: "invalid_token", description: rejection.description))
        }
    }

    /// The token of `Bearer <token>` (scheme case-insensitive, RFC 6750 §2.1), or nil for another
    /// scheme or no token. The usual form (one space, no padding) is read from the bytes: splitting
    /// an 800-byte token on `Character`s was most of the gate's cost on every tool call. Anything
    /// else takes the general reading, with the same result.
    static func bearerToken(_ header: String) -> String? {
        let bytes = header.utf8
        if bytes.count > 7, let last = bytes.last, !isHTTPWhitespace(last) {
            var scheme = bytes.makeIterator()
            var matches = true
            for expected in "bearer ".utf8 {
                guard let byte = scheme.next() else { matches = false; break }
                let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                if lower != expected { matches = false; break }
            }
            let tokenStart = bytes.index(bytes.startIndex, offsetBy: 7)
            if matches, !isHTTPWhitespace(bytes[tokenStart]) { return String(Substring(bytes[tokenStart...])) }
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, HTTPHeaders.equalsIgnoringCase(String(parts[0]), "Bearer") else { return nil }
        return parts[1].trimmingHTTPWhitespace()
    }

    private static func isHTTPWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// A 401 (or the given status) with the challenge and a JSON body naming the same error.
    func challenge(error: String?, status: HTTPStatus = .unauthorized, description: String) -> HTTPResponse {
        var parameters = ["realm=\"mcp\""]
        let effectiveError = error ?? (style == .rfc ? "invalid_token" : nil)
        if let effectiveError {
            parameters.append("error=\"\(effectiveError)\"")
            parameters.append("error_description=\"\(Self.quotedStringSafe(description))\"")
        }
        parameters.append(style == .gong ? "resource_metadata=\(resourceMetadataURL)" : "resource_metadata=\"\(resourceMetadataURL)\"")
        var body = JSONObject()
        body["error"] = .string(effectiveError ?? "unauthorized")
        body["error_description"] = .string(description)
        // A malformed Authorization header stays 401 (MCP clients start OAuth discovery only from a
        // 401); a query-string token is 400 (RFC 6750 §3.1) since re-authorizing would not help.
        return .json(JSONSerializer.bytes(.object(body)), status: status,
                     headers: ["WWW-Authenticate": "Bearer " + parameters.joined(separator: ", ")])
    }

    /// RFC 7230 quoted-string content: no DQUOTE or backslash, no control characters.
    static func quotedStringSafe(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "\"": return "'"
            case "\\": return "/"
            default: return scalar.value < 0x20 || scalar.value == 0x7F ? " " : Character(scalar)
            }
        })
    }
}
