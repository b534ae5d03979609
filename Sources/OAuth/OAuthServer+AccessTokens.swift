import CryptoPrimitives
import Essentials

extension OAuthServer {
    static let accessTokenType = "at+jwt"
    /// Claims the policy may not override.
    static let reservedClaims: Set<String> = ["iss", "sub", "aud", "client_id", "scope", "exp", "iat", "nbf", "jti", "sid"]

    /// A JWT access token (RFC 9068 §2.2) for a grant: `iss`, `sub`, `aud` (the resource),
    /// `client_id`, `scope`, `exp`, `iat`, `jti`, `sid` (the grant), then the policy's claims.
    func signAccessToken(grant: GrantRecord, scopes: [String], configuration: OAuthConfiguration) throws(CryptoError) -> String {
        try signAccessToken(grant: grant, scope: scopes.joined(separator: " "), configuration: configuration)
    }

    /// The claims are written straight to bytes, in the order and form `JSONSerializer` gives
    /// the same object, instead of building a `JSONObject` per grant: that tree and its
    /// serialisation were a tenth of a refresh grant's instructions outside the signature.
    func signAccessToken(grant: GrantRecord, scope: String, configuration: OAuthConfiguration) throws(CryptoError) -> String {
        let issuedAt = clock.nowSeconds()
        var payload: [UInt8] = []
        payload.reserveCapacity(384)
        Self.appendMember("{\"iss\":", configuration.issuer, to: &payload)
        Self.appendMember(",\"sub\":", grant.subjectID, to: &payload)
        Self.appendMember(",\"aud\":", configuration.resource, to: &payload)
        Self.appendMember(",\"client_id\":", grant.clientID, to: &payload)
        Self.appendMember(",\"scope\":", scope, to: &payload)
        Self.appendMember(",\"exp\":", .number(Double(issuedAt + Int64(configuration.accessTokenTTL))), to: &payload)
        Self.appendMember(",\"iat\":", .number(Double(issuedAt)), to: &payload)
        Self.appendMember(",\"jti\":", issuance.nextTokenID(), to: &payload)
        Self.appendMember(",\"sid\":", grant.id, to: &payload)
        // A JSONObject's keys are distinct, and none of these is one written above.
        for member in grant.claims where !Self.reservedClaims.contains(member.key) {
            payload.append(UInt8(ascii: ","))
            JSONSerializer.writeString(member.key, into: &payload)
            payload.append(UInt8(ascii: ":"))
            JSONSerializer.write(member.value, into: &payload)
        }
        payload.append(UInt8(ascii: "}"))
        return try JWS.sign(payloadBytes: payload, header: accessTokenHeader)
    }

    /// Appends `prefix` (punctuation and a key, already JSON) and then `value`.
    static func appendMember(_ prefix: StaticString, _ value: JSONValue, to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
        JSONSerializer.write(value, into: &output)
    }

    /// Appends `prefix` and then `text` as a JSON string.
    static func appendMember(_ prefix: StaticString, _ text: String, to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
        JSONSerializer.writeString(text, into: &output)
    }

    /// Verifies a bearer token for the MCP gate: signature, type, issuer, audience (scheme/host
    /// case and one trailing slash tolerated), expiry against the injected clock, grant and `jti`
    /// revocation, and the policy's `isAuthorizationStillValid`. Verified tokens are cached by
    /// their text, so the hot path is a dictionary lookup plus the expiry and policy checks.
    public func verifyAccessToken(_ token: String) -> Result<VerifiedAccessToken, AccessTokenRejection> {
        let now = clock.now()
        let cached = state.withLock { $0.verifiedTokens[token] }
        if let cached {
            if now >= cached.token.expiresAt {
                state.withLock { _ = $0.verifiedTokens.removeValue(forKey: token) }
                return reject(.expired(at: cached.token.expiresAt), clientID: cached.token.clientID, token: token)
            }
            if let reason = policy.isAuthorizationStillValid(clientID: cached.token.clientID, subjectID: cached.token.subject) {
                return reject(.authorizationWithdrawn(reason), clientID: cached.token.clientID, token: token)
            }
            return .success(cached.token)
        }
        let verified: VerifiedAccessToken
        switch checkAccessToken(token, now: now) {
        case .failure(let rejection): return reject(rejection, clientID: nil, token: token)
        case .success(let token): verified = token
        }
        if let reason = policy.isAuthorizationStillValid(clientID: verified.clientID, subjectID: verified.subject) {
            return reject(.authorizationWithdrawn(reason), clientID: verified.clientID, token: token)
        }
        let limit = configuration.verifiedTokenCacheLimit
        state.withLock { state in
            if state.verifiedTokens.count >= limit {
                state.verifiedTokens = state.verifiedTokens.filter { now < $0.value.token.expiresAt }
                if state.verifiedTokens.count >= limit { state.verifiedTokens = [:] }
            }
            state.verifiedTokens[token] = CachedAccessToken(token: verified, jti: verified.tokenID)
        }
        record(.resource, .accepted, rule: "bearer.verified", explanation: "access token verified", clientID: verified.clientID, subjectID: verified.subject,
               fields: [("grant", verified.grantID), ("scope", verified.scopes.sorted().joined(separator: " ")), ("access_token", Redact.secret(token))])
        return .success(verified)
    }

    private func reject(_ rejection: AccessTokenRejection, clientID: String?, token: String) -> Result<VerifiedAccessToken, AccessTokenRejection> {
        record(.resource, .refused, rule: rejection.rule, errorCode: "invalid_token", explanation: rejection.description, clientID: clientID,
               fields: [("access_token", Redact.secret(token))])
        return .failure(rejection)
    }

    /// The uncached checks, shared with introspection.
    func checkAccessToken(_ token: String, now: Double) -> Result<VerifiedAccessToken, AccessTokenRejection> {
        let configuration = self.configuration
        let jws: JWSVerified
        switch JWS.verify(token, keys: verificationKeys) {
        case .failure(let error): return .failure(.badSignature("\(error)"))
        case .success(let verified): jws = verified
        }
        let type = jws.header["typ"]?.stringValue ?? "<none>"
        guard type.lowercased() == Self.accessTokenType || type.lowercased() == "application/at+jwt" else {
            return .failure(.notAnAccessToken(type: type))
        }
        guard let claims = jws.payload.objectValue else { return .failure(.malformed("the payload is not a JSON object")) }
        guard let issuer = claims["iss"]?.stringValue else { return .failure(.malformed("no iss claim")) }
        guard issuer == configuration.issuer else { return .failure(.wrongIssuer(found: issuer, expected: configuration.issuer)) }
        let audiences: [String]
        switch claims["aud"] {
        case .string(let single): audiences = [single]
        case .array(let list): audiences = list.compactMap(\.stringValue)
        default: return .failure(.malformed("no aud claim"))
        }
        guard audiences.contains(where: { ResourceIdentifier.matches($0, canonical: configuration.resource) }) else {
            return .failure(.wrongAudience(found: audiences.joined(separator: " "), expected: configuration.resource))
        }
        guard let expiresAt = claims["exp"]?.doubleValue else { return .failure(.malformed("no numeric exp claim")) }
        guard now < expiresAt else { return .failure(.expired(at: expiresAt)) }
        guard let subject = claims["sub"]?.stringValue, let clientID = claims["client_id"]?.stringValue,
              let jti = claims["jti"]?.stringValue, let grantID = claims["sid"]?.stringValue else {
            return .failure(.malformed("sub, client_id, jti or sid is missing"))
        }
        do {
            if let revoked = try store.revokedAccessToken(jti: jti) { return .failure(.revoked("token revoked: \(revoked.reason)")) }
            guard let grant = try store.grant(id: grantID) else { return .failure(.revoked("grant \(grantID) is unknown (never issued here, state was reset, or it \(Self.forgottenGrant(configuration)))")) }
            if grant.isRevoked { return .failure(.revoked("grant revoked: \(grant.revocationReason ?? "revoked")")) }
        } catch {
            return .failure(.unavailable(error.message))
        }
        let scopes = Set((claims["scope"]?.stringValue ?? "").split(separator: " ").map(String.init))
        return .success(VerifiedAccessToken(subject: subject, clientID: clientID, scopes: scopes, expiresAt: expiresAt, grantID: grantID, tokenID: jti, claims: claims))
    }

    /// Revokes one access token by `jti` (RFC 7009) and drops it from the cache.
    func revokeAccessToken(_ verified: VerifiedAccessToken, reason: String) {
        let record = RevokedAccessTokenRecord(jti: verified.tokenID, expiresAt: verified.expiresAt, reason: reason)
        state.withLock { state in
            state.verifiedTokens = state.verifiedTokens.filter { $0.value.jti != verified.tokenID }
            do { try store.putRevokedAccessToken(record) } catch { logger.error("could not record an access-token revocation", [("error", "\(error)")]) }
        }
    }
}
