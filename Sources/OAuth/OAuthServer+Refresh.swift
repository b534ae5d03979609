import CryptoPrimitives
import Essentials
import HTTPServer

extension OAuthServer {
    /// The refresh grant (RFC 6749 §6) with rotation and reuse detection (OAuth 2.1 §4.3.1,
    /// Security BCP §4.14.2): presenting a refresh token that was already rotated revokes the
    /// whole grant, since either the client or an attacker holds a stolen copy.
    func refresh(_ parameters: ParameterList, client: OAuthClient, configuration: OAuthConfiguration, fields: [(String, String)]) throws(OAuthError) -> HTTPResponse {
        guard let presented = parameters.value("refresh_token") else {
            throw refuse(.token, OAuthError(.invalidRequest, "refresh_token is required for grant_type refresh_token (RFC 6749 §6)."),
                         rule: "token.refresh.missing", clientID: client.id, fields: fields)
        }
        let tokenHash = TokenHash.of(presented)
        let fields = fields + [("refresh_token", Redact.secret(presented))]
        let found: RefreshTokenRecord?
        do { found = try store.refreshToken(hash: tokenHash) } catch { throw storeFailure(error, clientID: client.id) }
        guard let record = found else {
            throw refuse(.token, OAuthError(.invalidGrant, "The refresh token is not valid: unknown to this server (never issued, issued before a reset, or its grant \(Self.forgottenGrant(configuration)))."),
                         rule: "token.refresh.unknown", clientID: client.id, fields: fields)
        }
        guard record.clientID == client.id else {
            throw refuse(.token, OAuthError(.invalidGrant, "The refresh token was issued to another client, not '\(client.id)'."),
                         rule: "token.refresh.client", clientID: client.id, fields: fields)
        }
        let grant = try liveGrant(id: record.grantID, clientID: client.id, fields: fields)
        if let rotatedAt = record.rotatedAt {
            throw refreshReuse(grantID: grant.id, rotatedAt: rotatedAt, clientID: client.id, fields: fields)
        }
        let now = clock.now()
        if let expiresAt = record.expiresAt, now >= expiresAt {
            throw refuse(.token, OAuthError(.invalidGrant, "The refresh token expired at \(Timestamp.iso8601(expiresAt))."),
                         rule: "token.refresh.expired", clientID: client.id, fields: fields)
        }
        var scopes = grant.scopes
        if let requested = parameters.value("scope") {
            switch Self.narrow(Self.scopeList(requested), to: Set(grant.scopes), policy: configuration.scopePolicy,
                               owner: "this grant", allowedText: grant.scopes.joined(separator: " ")) {
            case .success(let granted):
                scopes = granted.scopes
                if let narrowing = granted.narrowing {
                    self.record(.token, .accepted, rule: "token.refresh.scope.narrowed", explanation: narrowing, clientID: client.id, fields: fields)
                }
            case .failure(let refusal):
                throw refuse(.token, OAuthError(.invalidScope, refusal.explanation + " A refresh may narrow scopes, never widen them (RFC 6749 §6)."),
                             rule: "token.refresh.scope", clientID: client.id, fields: fields)
            }
        }
        if let reason = policy.isAuthorizationStillValid(clientID: client.id, subjectID: grant.subjectID) {
            throw refuse(.token, OAuthError(.invalidGrant, "The authorization no longer stands: \(reason)"), rule: "token.refresh.policy", clientID: client.id, fields: fields)
        }
        guard configuration.refreshTokenRotation else {
            return try tokenResponse(grant: grant, scopes: scopes, refreshToken: presented, client: client, configuration: configuration,
                                     rule: "token.refresh.accepted", explanation: "refresh accepted (rotation off: same refresh token returned)", fields: fields)
        }
        let next = SecureRandom.token(byteCount: 32)
        let nextRecord = refreshRecord(next, grant: grant, now: now, configuration: configuration)
        let outcome: Rotation = state.withLock { _ in
            do throws(OAuthStoreError) {
                guard var current = try store.refreshToken(hash: tokenHash) else { return .vanished }
                if let rotatedAt = current.rotatedAt { return .alreadyRotated(rotatedAt) }
                current.rotatedAt = now
                current.replacedByHash = nextRecord.tokenHash
                try store.putRefreshToken(nextRecord)
                try store.putRefreshToken(current)
                return .rotated
            } catch {
                return .failed(error)
            }
        }
        switch outcome {
        case .rotated: break
        case .alreadyRotated(let rotatedAt): throw refreshReuse(grantID: grant.id, rotatedAt: rotatedAt, clientID: client.id, fields: fields)
        case .vanished:
            // The state was reset or restored between the first read and the rotation.
            throw refuse(.token, OAuthError(.invalidGrant, "The refresh token is not valid: unknown to this server (the state was reset or restored while it was in use)."),
                         rule: "token.refresh.unknown", clientID: client.id, fields: fields)
        case .failed(let error): throw storeFailure(error, clientID: client.id)
        }
        return try tokenResponse(grant: grant, scopes: scopes, refreshToken: next, client: client, configuration: configuration,
                                 rule: "token.refresh.rotated", explanation: "refresh accepted; refresh token rotated", fields: fields)
    }

    private enum Rotation {
        case rotated
        case alreadyRotated(Double)
        case vanished
        case failed(OAuthStoreError)
    }

    /// The grant, refusing with `invalid_grant` when it is unknown or revoked.
    private func liveGrant(id: String, clientID: String, fields: [(String, String)]) throws(OAuthError) -> GrantRecord {
        let found: GrantRecord?
        do { found = try store.grant(id: id) } catch { throw storeFailure(error, clientID: clientID) }
        guard let grant = found else {
            throw refuse(.token, OAuthError(.invalidGrant, "The grant behind this refresh token no longer exists: it ended (revoked, or its refresh token expired) and was forgotten, or the state was reset."), rule: "token.refresh.grant_unknown", clientID: clientID, fields: fields)
        }
        if let revokedAt = grant.revokedAt {
            throw refuse(.token, OAuthError(.invalidGrant, "The grant behind this refresh token was revoked at \(Timestamp.iso8601(revokedAt)): \(grant.revocationReason ?? "revoked")."),
                         rule: "token.refresh.grant_revoked", clientID: clientID, fields: fields + [("grant", grant.id)])
        }
        return grant
    }

    private func refreshReuse(grantID: String, rotatedAt: Double, clientID: String, fields: [(String, String)]) -> OAuthError {
        revokeGrant(id: grantID, reason: "refresh token reuse detected")
        return refuse(.token, OAuthError(.invalidGrant, "The refresh token was already rotated at \(Timestamp.iso8601(rotatedAt)); reusing a rotated refresh token revokes the whole grant (OAuth 2.1 §4.3.1)."),
                      rule: "token.refresh.reuse", clientID: clientID, fields: fields + [("grant", grantID)])
    }

    /// Revokes one grant (idempotent) and drops its cached access tokens.
    func revokeGrant(id: String, reason: String) {
        let now = clock.now()
        let revoked: GrantRecord? = state.withLock { state in
            state.verifiedTokens = state.verifiedTokens.filter { $0.value.token.grantID != id }
            do {
                guard var grant = try store.grant(id: id), grant.revokedAt == nil else { return nil }
                grant.revokedAt = now
                grant.revocationReason = reason
                try store.putGrant(grant)
                return grant
            } catch {
                logger.error("could not revoke grant", [("grant", id), ("error", "\(error)")])
                return nil
            }
        }
        if let revoked {
            record(.token, .accepted, rule: "grant.revoked", explanation: "grant revoked: \(reason)", clientID: revoked.clientID, subjectID: revoked.subjectID,
                   fields: [("grant", id)])
        }
    }
}
