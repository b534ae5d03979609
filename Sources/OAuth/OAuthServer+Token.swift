import CryptoPrimitives
import Essentials
import HTTPServer

extension OAuthServer {
    /// `POST /oauth2/generate-mcp-token` (RFC 6749 §3.2): the authorization code grant (§4.1.3
    /// with RFC 7636 §4.5 and RFC 8707 §2.2) and the refresh grant with rotation (§6,
    /// OAuth 2.1 §4.3.1). Errors are RFC 6749 §5.2 JSON thrown as `OAuthError`.
    func token(_ request: HTTPRequest) throws(OAuthError) -> HTTPResponse {
        purgeIfDue()
        var configuration = self.configuration
        let parameters = try formParameters(request, endpoint: .token, configuration: configuration)
        let authenticated = try authenticateClient(request, parameters: parameters, endpoint: .token, configuration: configuration)
        let client = authenticated.client
        if let duplicate = parameters.firstDuplicate(among: ["grant_type", "code", "redirect_uri", "code_verifier", "refresh_token", "scope"]) {
            throw refuse(.token, OAuthError(.invalidRequest, "The parameter \(duplicate) was sent more than once (RFC 6749 §3.2)."),
                         rule: "token.duplicate_parameter", clientID: client.id)
        }
        guard let grantType = parameters.value("grant_type") else {
            throw refuse(.token, OAuthError(.invalidRequest, "grant_type is required (RFC 6749 §4.1.3)."), rule: "token.grant_type.missing", clientID: client.id)
        }
        guard grantType == "authorization_code" || grantType == "refresh_token" else {
            throw refuse(.token, OAuthError(.unsupportedGrantType, "grant_type '\(grantType)' is not supported; use authorization_code or refresh_token."),
                         rule: "token.grant_type.unsupported", clientID: client.id)
        }
        guard client.allowedGrantTypes.contains(grantType) else {
            throw refuse(.token, OAuthError(.unauthorizedClient, "Client '\(client.id)' is not registered for grant_type \(grantType)."),
                         rule: "token.grant_type.not_allowed", clientID: client.id)
        }
        for resource in parameters.all("resource") where !ResourceIdentifier.matches(resource, canonical: configuration.resource) {
            throw refuse(.token, OAuthError(.invalidTarget, "resource '\(resource)' is not this server's protected resource '\(configuration.resource)' (RFC 8707 §2)."),
                         rule: "token.resource", clientID: client.id)
        }
        let fields = [("grant_type", grantType), ("auth_method", authenticated.method.rawValue)]
        if let hook = state.withLock({ $0.tokenHook }) {
            switch hook(TokenRequestFacts(clientID: client.id, grantType: grantType, authMethod: authenticated.method)) {
            case .proceed: break
            case .proceedWithoutRotation: configuration.refreshTokenRotation = false
            case .respond(let response): return response
            }
        }
        if grantType == "authorization_code" {
            return try redeemCode(parameters, client: client, configuration: configuration, fields: fields)
        }
        return try refresh(parameters, client: client, configuration: configuration, fields: fields)
    }

    private enum Redemption {
        case redeemed
        case alreadyConsumed(AuthorizationCodeRecord)
        case vanished
        case failed(OAuthStoreError)
    }

    func storeFailure(_ error: OAuthStoreError, clientID: String) -> OAuthError {
        refuse(.token, OAuthError(.serverError, "The authorization server could not read or write its state: \(error.message)"), rule: "token.store", clientID: clientID)
    }

    private func redeemCode(_ parameters: ParameterList, client: OAuthClient, configuration: OAuthConfiguration, fields: [(String, String)]) throws(OAuthError) -> HTTPResponse {
        guard let code = parameters.value("code") else {
            throw refuse(.token, OAuthError(.invalidRequest, "code is required for grant_type authorization_code (RFC 6749 §4.1.3)."), rule: "token.code.missing", clientID: client.id, fields: fields)
        }
        let codeHash = TokenHash.of(code)
        let fields = fields + [("code", Redact.secret(code))]
        let found: AuthorizationCodeRecord?
        do { found = try store.authorizationCode(hash: codeHash) } catch { throw storeFailure(error, clientID: client.id) }
        guard let record = found else {
            throw refuse(.token, OAuthError(.invalidGrant, "The authorization code is not valid: unknown to this server (never issued, purged after expiry, or issued before a reset)."),
                         rule: "token.code.unknown", clientID: client.id, fields: fields)
        }
        if let consumedAt = record.consumedAt {
            throw codeReplay(record, consumedAt: consumedAt, clientID: client.id, fields: fields)
        }
        guard record.clientID == client.id else {
            throw refuse(.token, OAuthError(.invalidGrant, "The authorization code was issued to another client, not '\(client.id)'."), rule: "token.code.client", clientID: client.id, fields: fields)
        }
        let now = clock.now()
        guard now < record.expiresAt else {
            throw refuse(.token, OAuthError(.invalidGrant, "The authorization code expired at \(Timestamp.iso8601(record.expiresAt)) (codes live \(Int(record.expiresAt - record.issuedAt)) s)."),
                         rule: "token.code.expired", clientID: client.id, fields: fields)
        }
        guard let redirectURI = parameters.value("redirect_uri") else {
            throw refuse(.token, OAuthError(.invalidRequest, "redirect_uri is required because the authorization request included it (RFC 6749 §4.1.3)."),
                         rule: "token.redirect_uri.missing", clientID: client.id, fields: fields)
        }
        guard redirectURI == record.redirectURI else {
            throw refuse(.token, OAuthError(.invalidGrant, "redirect_uri '\(redirectURI)' differs from '\(record.redirectURI)' used in the authorization request (RFC 6749 §4.1.3)."),
                         rule: "token.redirect_uri.mismatch", clientID: client.id, fields: fields)
        }
        guard let verifier = parameters.value("code_verifier") else {
            throw refuse(.token, OAuthError(.invalidRequest, "code_verifier is required: the code was issued with a PKCE challenge (RFC 7636 §4.5)."),
                         rule: "token.pkce.missing", clientID: client.id, fields: fields)
        }
        guard PKCE.isValidVerifier(verifier) else {
            throw refuse(.token, OAuthError(.invalidRequest, "code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.1); got \(verifier.count) characters."),
                         rule: "token.pkce.syntax", clientID: client.id, fields: fields)
        }
        guard ConstantTime.equals(PKCE.s256Challenge(verifier: verifier), record.codeChallenge) else {
            throw refuse(.token, OAuthError(.invalidGrant, "code_verifier does not match the code_challenge: BASE64URL(SHA256(code_verifier)) differs (RFC 7636 §4.6)."),
                         rule: "token.pkce.mismatch", clientID: client.id, fields: fields)
        }
        if let reason = policy.isAuthorizationStillValid(clientID: client.id, subjectID: record.subjectID) {
            throw refuse(.token, OAuthError(.invalidGrant, "The authorization no longer stands: \(reason)"), rule: "token.policy", clientID: client.id, fields: fields)
        }
        let grant = GrantRecord(id: "grt_" + SecureRandom.token(byteCount: 12), clientID: client.id, subjectID: record.subjectID, scopes: record.scopes,
                                resource: record.resource, claims: record.claims, createdAt: now)
        let refreshToken = SecureRandom.token(byteCount: 32)
        // Re-read and consume under the lock: of two concurrent redemptions exactly one wins.
        let outcome: Redemption = state.withLock { _ in
            do throws(OAuthStoreError) {
                guard let current = try store.authorizationCode(hash: codeHash) else { return .vanished }
                if current.consumedAt != nil { return .alreadyConsumed(current) }
                let consumed = current.redeemed(at: now, grantID: grant.id)
                try store.putGrant(grant)
                try store.putRefreshToken(refreshRecord(refreshToken, grant: grant, now: now, configuration: configuration))
                try store.putAuthorizationCode(consumed)
                return .redeemed
            } catch {
                return .failed(error)
            }
        }
        switch outcome {
        case .redeemed: break
        case .alreadyConsumed(let latest): throw codeReplay(latest, consumedAt: latest.consumedAt ?? now, clientID: client.id, fields: fields)
        case .vanished:
            // The state was reset or restored between the first read and the redemption.
            throw refuse(.token, OAuthError(.invalidGrant, "The authorization code is not valid: unknown to this server (the state was reset or restored while it was in use)."),
                         rule: "token.code.unknown", clientID: client.id, fields: fields)
        case .failed(let error): throw storeFailure(error, clientID: client.id)
        }
        return try tokenResponse(grant: grant, scopes: grant.scopes, refreshToken: refreshToken, client: client, configuration: configuration,
                                 rule: "token.code.redeemed", explanation: "authorization code redeemed; grant \(grant.id) created", fields: fields)
    }

    /// RFC 6749 §4.1.2: a code used twice is refused and every token issued from it revoked.
    private func codeReplay(_ record: AuthorizationCodeRecord, consumedAt: Double, clientID: String, fields: [(String, String)]) -> OAuthError {
        if let grantID = record.grantID {
            revokeGrant(id: grantID, reason: "authorization code replay: the code that created this grant was presented again")
        }
        return refuse(.token, OAuthError(.invalidGrant, "The authorization code was already used at \(Timestamp.iso8601(consumedAt)); every token issued from it has been revoked (RFC 6749 §4.1.2)."),
                      rule: "token.code.replay", clientID: clientID, fields: fields)
    }

    func refreshRecord(_ token: String, grant: GrantRecord, now: Double, configuration: OAuthConfiguration) -> RefreshTokenRecord {
        RefreshTokenRecord(tokenHash: TokenHash.of(token), grantID: grant.id, clientID: grant.clientID, issuedAt: now,
                           expiresAt: configuration.refreshTokenTTL.map { now + Double($0) })
    }

    static let tokenResponseHeaders: HTTPHeaders = ["Cache-Control": "no-store", "Pragma": "no-cache"]

    /// 200 with `Cache-Control: no-store` and `Pragma: no-cache` (RFC 6749 §5.1).
    func tokenResponse(grant: GrantRecord, scopes: [String], refreshToken: String, client: OAuthClient, configuration: OAuthConfiguration,
                       rule: String, explanation: String, fields: [(String, String)]) throws(OAuthError) -> HTTPResponse {
        let scope = scopes.joined(separator: " ")
        let accessToken: String
        do {
            accessToken = try signAccessToken(grant: grant, scope: scope, configuration: configuration)
        } catch {
            throw refuse(.token, OAuthError(.serverError, "The access token could not be signed: \(error)"), rule: "token.sign", clientID: client.id)
        }
        // The bytes JSONSerializer gives the same five-member object, written without the tree.
        var body: [UInt8] = []
        body.reserveCapacity(accessToken.utf8.count + refreshToken.utf8.count + scope.utf8.count + 128)
        Self.appendMember("{\"access_token\":", accessToken, to: &body)
        Self.appendMember(",\"token_type\":", "Bearer" as String, to: &body)
        Self.appendMember(",\"expires_in\":", .number(Double(configuration.accessTokenTTL)), to: &body)
        Self.appendMember(",\"refresh_token\":", refreshToken, to: &body)
        Self.appendMember(",\"scope\":", scope, to: &body)
        body.append(UInt8(ascii: "}"))
        record(.token, .accepted, rule: rule, explanation: explanation + "; access token valid \(configuration.accessTokenTTL) s",
               clientID: client.id, subjectID: grant.subjectID,
               fields: fields + [("grant", grant.id), ("scope", scope),
                                 ("access_token", Redact.secret(accessToken)), ("refresh_token", Redact.secret(refreshToken))])
        return .json(body, headers: Self.tokenResponseHeaders)
    }
}
