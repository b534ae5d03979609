import Essentials
import HTTPServer
import MCP
import OAuth

/// The decisions the thin hooks ask for. Each acts before the request is processed, so a
/// refusal consumes no code, refresh token or credit.
extension FaultPlane {
    // MARK: Token endpoint (OAuthServer.setTokenHook)

    public func tokenDecision(_ facts: TokenRequestFacts) -> TokenRequestDecision {
        if let fault = fire(.tokenError, clientID: facts.clientID) {
            let code = fault.spec.string("error") ?? "invalid_grant"
            let status = fault.spec.int("status") ?? 400
            let description = fault.spec.string("description") ?? "Injected by the test controls (fault \(fault.id), kind token-error)."
            let body: JSONValue = ["error": .string(code), "error_description": .string(description)]
            return .respond(.json(JSONSerializer.bytes(body), status: HTTPStatus(code: status),
                                  headers: ["Cache-Control": "no-store", "Pragma": "no-cache"]))
        }
        if facts.authMethod != .clientSecretBasic, fire(.tokenAuthBasicOnly, clientID: facts.clientID) != nil {
            return .respond(OAuthError(.invalidClient, "This server accepts only client_secret_basic at the token endpoint (HTTP Basic with the client id and secret); the request used \(facts.authMethod.rawValue).").response())
        }
        guard facts.grantType == "refresh_token" else { return .proceed }
        if let fault = fire(.refreshTokenReject, clientID: facts.clientID) {
            return .respond(OAuthError(.invalidGrant, "The refresh token was already used (reuse detected); injected by the test controls (fault \(fault.id)).").response())
        }
        if fire(.refreshWithoutRotation, clientID: facts.clientID) != nil { return .proceedWithoutRotation }
        return .proceed
    }

    // MARK: Bearer gate (GongBearerAuthenticator)

    /// `access-token-expire`: whether this verified token must be refused as expired, and since
    /// when. Exact: the fault compares the token's issuance number (in its `jti`) with the mark
    /// taken when it armed, so a token minted in the same second, before the fault, is expired,
    /// and one minted after it (a refresh) passes, even on a frozen clock.
    func forcedExpiry(of token: VerifiedAccessToken) -> Double? {
        let issuance = tokenIssuance
        let fault = fire(.accessTokenExpire, clientID: token.clientID) { fault, now in
            if fault.armedAt == nil {
                fault.seen += 1
                guard fault.seen > (fault.spec.int("afterCalls") ?? 0) else { return false }
                arm(&fault, now: now)
            }
            guard let mark = fault.issuedBefore else { return false }
            return issuance.issued(tokenID: token.tokenID, before: mark)
        }
        return fault.flatMap { $0.armedAt }
    }

    /// `insufficient-scope`: the scopes to take from the principal for this request (a
    /// `tools/call` of the aimed tool), so the MCP layer answers its own 403 step-up challenge.
    func withheldScopes(_ request: HTTPRequest, clientID: String, toolScopes: [String: String]) -> Set<String> {
        guard hasAny(.insufficientScope), let name = Self.calledTool(request), let scope = toolScopes[name] else { return [] }
        let fault = fire(.insufficientScope, clientID: clientID) { fault, _ in fault.spec.string("tool") == name }
        return fault == nil ? [] : [scope]
    }

    /// `expired-token-as-tool-error`: a 200 JSON-RPC tool error in place of the 401.
    func toolErrorInsteadOf401(_ request: HTTPRequest, reason: String) -> HTTPResponse? {
        guard hasAny(.expiredTokenAsToolError), let fault = fire(.expiredTokenAsToolError) else { return nil }
        let id = (try? JSONParser.parse(request.body))?["id"] ?? .null
        let result: JSONValue = ["content": [["type": "text", "text": .string("Authentication failed: \(reason)")]], "isError": true]
        let body: JSONValue = ["jsonrpc": "2.0", "id": id, "result": result]
        logger.debug("bearer refusal answered as a tool error", [("fault", fault.id)])
        return .json(JSONSerializer.bytes(body))
    }

    /// The tool a JSON-RPC `tools/call` body names.
    static func calledTool(_ request: HTTPRequest) -> String? {
        guard request.method == .post, let message = try? JSONParser.parse(request.body),
              message["method"]?.stringValue == "tools/call" else { return nil }
        return message["params"]?["name"]?.stringValue
    }

    // MARK: Tool wrap (GongMCPTools)

    /// `credits-exhaust`: counts this tools/call and says whether it meets the exhaustion mode.
    func creditsExhausted(clientID: String) -> Bool {
        guard hasAny(.creditsExhaust) else { return false }
        return fire(.creditsExhaust, clientID: clientID) { fault, _ in
            fault.seen += 1
            return fault.seen >= (fault.spec.int("atCall") ?? 1)
        } != nil
    }
}
