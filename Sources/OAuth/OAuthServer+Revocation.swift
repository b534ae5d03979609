import Essentials
import HTTPServer

extension OAuthServer {
    /// `POST /oauth2/revoke` (RFC 7009 §2): an authenticated client revokes one of its tokens.
    /// A refresh token revokes its whole grant (§2.1 SHOULD); an access token is revoked by
    /// `jti`. Unknown or already invalid tokens still get 200 (§2.2).
    func revoke(_ request: HTTPRequest) throws(OAuthError) -> HTTPResponse {
        let configuration = self.configuration
        guard configuration.revocation else {
            record(.revocation, .refused, rule: "revoke.disabled", explanation: "revocation endpoint is switched off")
            return DisabledEndpoint(explanation: "token revocation (RFC 7009) is switched off on this server.").response()
        }
        let parameters = try formParameters(request, endpoint: .revocation, configuration: configuration)
        let client = try authenticateClient(request, parameters: parameters, endpoint: .revocation, configuration: configuration).client
        guard let token = parameters.value("token") else {
            throw refuse(.revocation, OAuthError(.invalidRequest, "token is required (RFC 7009 §2.1)."), rule: "revoke.token.missing", clientID: client.id)
        }
        let hint = parameters.value("token_type_hint")
        if let hint, hint != "access_token", hint != "refresh_token" {
            throw refuse(.revocation, OAuthError(.unsupportedTokenType, "token_type_hint '\(hint)' is not supported; use access_token or refresh_token (RFC 7009 §2.2.1)."),
                         rule: "revoke.hint", clientID: client.id)
        }
        let fields = [("token", Redact.secret(token))]
        let refresh: RefreshTokenRecord?
        do { refresh = try store.refreshToken(hash: TokenHash.of(token)) } catch {
            throw refuse(.revocation, OAuthError(.serverError, "The authorization server could not read its state: \(error.message)"), rule: "revoke.store", clientID: client.id)
        }
        if let refresh {
            guard refresh.clientID == client.id else {
                throw refuse(.revocation, OAuthError(.unauthorizedClient, "The token was issued to another client, not '\(client.id)' (RFC 7009 §2.1)."),
                             rule: "revoke.client", clientID: client.id, fields: fields)
            }
            revokeGrant(id: refresh.grantID, reason: "refresh token revoked by the client (RFC 7009)")
            record(.revocation, .accepted, rule: "revoke.refresh_token", explanation: "refresh token revoked; its grant and every token from it revoked", clientID: client.id, fields: fields)
            return HTTPResponse(status: .ok, headers: ["Cache-Control": "no-store"])
        }
        if case .success(let verified) = checkAccessToken(token, now: clock.now()) {
            guard verified.clientID == client.id else {
                throw refuse(.revocation, OAuthError(.unauthorizedClient, "The token was issued to another client, not '\(client.id)' (RFC 7009 §2.1)."),
                             rule: "revoke.client", clientID: client.id, fields: fields)
            }
            revokeAccessToken(verified, reason: "revoked by the client (RFC 7009)")
            record(.revocation, .accepted, rule: "revoke.access_token", explanation: "access token revoked", clientID: client.id, fields: fields)
            return HTTPResponse(status: .ok, headers: ["Cache-Control": "no-store"])
        }
        record(.revocation, .accepted, rule: "revoke.unknown_token", explanation: "token unknown or already invalid; nothing to revoke (200 per RFC 7009 §2.2)",
               clientID: client.id, fields: fields)
        return HTTPResponse(status: .ok, headers: ["Cache-Control": "no-store"])
    }

    /// `POST /oauth2/introspect` (RFC 7662 §2): any authenticated client may ask; the answer is
    /// `{"active": false}` for anything not currently valid.
    func introspect(_ request: HTTPRequest) throws(OAuthError) -> HTTPResponse {
        let configuration = self.configuration
        guard configuration.introspection else {
            record(.introspection, .refused, rule: "introspect.disabled", explanation: "introspection endpoint is switched off")
            return DisabledEndpoint(explanation: "token introspection (RFC 7662) is switched off on this server.").response()
        }
        let parameters = try formParameters(request, endpoint: .introspection, configuration: configuration)
        let client = try authenticateClient(request, parameters: parameters, endpoint: .introspection, configuration: configuration).client
        guard let token = parameters.value("token") else {
            throw refuse(.introspection, OAuthError(.invalidRequest, "token is required (RFC 7662 §2.1)."), rule: "introspect.token.missing", clientID: client.id)
        }
        let answer = introspection(of: token, configuration: configuration)
        record(.introspection, .accepted, rule: "introspect.answered",
               explanation: "introspection answered active=\(answer["active"]?.boolValue == true)", clientID: client.id,
               fields: [("token", Redact.secret(token))])
        return .json(JSONSerializer.bytes(.object(answer)), headers: ["Cache-Control": "no-store", "Pragma": "no-cache"])
    }

    /// RFC 7662 §2.2 response members for a token.
    public func introspection(of token: String, configuration: OAuthConfiguration) -> JSONObject {
        let now = clock.now()
        let inactive = JSONObject([("active", false)])
        if case .success(let verified) = checkAccessToken(token, now: now) {
            guard policy.isAuthorizationStillValid(clientID: verified.clientID, subjectID: verified.subject) == nil else { return inactive }
            var answer = JSONObject([("active", true), ("token_type", "Bearer")])
            for (key, value) in verified.claims { answer[key] = value }
            return answer
        }
        do {
            guard let refresh = try store.refreshToken(hash: TokenHash.of(token)), refresh.rotatedAt == nil,
                  refresh.expiresAt.map({ now < $0 }) ?? true,
                  let grant = try store.grant(id: refresh.grantID), !grant.isRevoked,
                  policy.isAuthorizationStillValid(clientID: grant.clientID, subjectID: grant.subjectID) == nil else { return inactive }
            var answer = JSONObject([("active", true), ("token_type", "refresh_token")])
            answer["scope"] = .string(grant.scopes.joined(separator: " "))
            answer["client_id"] = .string(grant.clientID)
            answer["sub"] = .string(grant.subjectID)
            answer["iss"] = .string(configuration.issuer)
            answer["aud"] = .string(configuration.resource)
            answer["iat"] = .number(refresh.issuedAt.rounded(.down))
            if let expiresAt = refresh.expiresAt { answer["exp"] = .number(expiresAt.rounded(.down)) }
            answer["sid"] = .string(grant.id)
            return answer
        } catch {
            return inactive
        }
    }
}
