import CryptoPrimitives
import Essentials
import HTTPServer
import Synchronization

/// A generic OAuth 2.1 authorization server (draft-ietf-oauth-v2-1) for one protected resource:
/// discovery (RFC 8414, RFC 9728), authorization code with PKCE (RFC 7636), consent, the token
/// endpoint with refresh rotation, dynamic registration (RFC 7591), Client ID Metadata Documents,
/// revocation (RFC 7009), introspection (RFC 7662) and JWT access tokens (RFC 9068).
///
/// Business rules come from an `OAuthPolicy`; time from an injected `ServerClock`, so a virtual
/// clock drives code and token expiry. Mutable state sits behind one `Mutex`, which is never held
/// while the policy is called.
public final class OAuthServer: Sendable {
    struct CachedAccessToken: Sendable {
        let token: VerifiedAccessToken
        let jti: String
    }

    struct State: Sendable {
        var configuration: OAuthConfiguration
        var decisionHandler: (@Sendable (OAuthDecisionEvent) -> Void)?
        var tokenHook: TokenRequestHook?
        var verifiedTokens: [String: CachedAccessToken] = [:]
        /// Consent transactions already completed, by nonce, with their expiry.
        var consumedTransactions: [String: Double] = [:]
        var lastPurge: Double = 0
        /// Bumped by every configuration change; what the discovery cache is keyed on.
        var configurationGeneration: UInt64 = 0
        var discovery: DiscoveryDocuments?
    }

    let policy: any OAuthPolicy
    let clock: any ServerClock
    let logger: Logger
    let store: any OAuthStateStore
    /// Signs new tokens.
    let signingKey: SigningKey
    /// Verifies tokens: the current key and any older key kept in the store.
    let verificationKeys: [SigningKey]
    /// The access tokens' protected header (`alg`, `kid`, `typ: at+jwt`), encoded once.
    let accessTokenHeader: JWSProtectedHeader
    let state: Mutex<State>
    /// Numbers every access token's `jti` in issuance order (the test controls' exact expiry).
    public let issuance: AccessTokenIssuance

    /// Loads signing keys from `store` (generating and saving one for the configured algorithm
    /// when none matches).
    /// - Parameter preparedSigningKey: a fresh key generated ahead of time (start-up makes it on
    ///   another thread while it parses options and loads the company), used instead of generating
    ///   one here when the store holds no key for the configured algorithm; ignored otherwise.
    /// - Parameter issuance: the access-token issuance counter, shared with whoever needs to tell
    ///   tokens issued before a moment from later ones (the fault plane).
    public init(
        configuration: OAuthConfiguration,
        policy: any OAuthPolicy,
        clock: any ServerClock,
        logger: Logger,
        store: any OAuthStateStore = InMemoryOAuthStateStore(),
        onDecision: (@Sendable (OAuthDecisionEvent) -> Void)? = nil,
        preparedSigningKey: SigningKey? = nil,
        issuance: AccessTokenIssuance = AccessTokenIssuance()
    ) throws(OAuthSetupError) {
        self.issuance = issuance
        self.policy = policy
        self.clock = clock
        self.logger = logger
        self.store = store
        let wanted: SigningKey.Algorithm = configuration.signingAlgorithm == .es256 ? .es256 : .rs256
        var keys: [SigningKey] = []
        do {
            for pem in try store.signingKeyPEMs() { keys.append(try SigningKey(pem: pem)) }
        } catch let error as OAuthStoreError {
            throw OAuthSetupError("loading signing keys: \(error)")
        } catch {
            throw OAuthSetupError("a stored signing key could not be read: \(error)")
        }
        if let existing = keys.last(where: { $0.algorithm == wanted }) {
            signingKey = existing
            keys.removeAll { $0 === existing }
        } else {
            do {
                let key = try preparedSigningKey.flatMap { $0.algorithm == wanted ? $0 : nil } ?? SigningKey.generate(wanted)
                try store.addSigningKeyPEM(try key.privateKeyPEM())
                signingKey = key
            } catch let error as OAuthStoreError {
                throw OAuthSetupError("saving a new signing key: \(error)")
            } catch {
                throw OAuthSetupError("generating a \(configuration.signingAlgorithm.rawValue) signing key: \(error)")
            }
        }
        verificationKeys = [signingKey] + keys
        accessTokenHeader = JWSProtectedHeader(key: signingKey, header: JSONObject([("typ", .string(Self.accessTokenType))]))
        state = Mutex(State(configuration: configuration, decisionHandler: onDecision))
        logger.info("authorization server ready", [
            ("issuer", configuration.issuer), ("resource", configuration.resource),
            ("alg", configuration.signingAlgorithm.rawValue), ("kid", signingKey.keyID),
        ])
    }

    /// The current configuration.
    public var configuration: OAuthConfiguration { state.withLock { $0.configuration } }

    /// Changes behaviour at run time (switches, lifetimes, auto-approve). Issuer, resource and
    /// paths are fixed once `install(into:)` has registered the routes.
    public func updateConfiguration(_ change: (inout OAuthConfiguration) -> Void) {
        state.withLock {
            change(&$0.configuration)
            $0.configurationGeneration += 1
            $0.discovery = nil
        }
    }

    /// Consulted by the token endpoint before it redeems anything (the test controls' faults).
    public func setTokenHook(_ hook: TokenRequestHook?) {
        state.withLock { $0.tokenHook = hook }
    }

    /// Where every decision goes besides the logger (the journal).
    public func setDecisionHandler(_ handler: (@Sendable (OAuthDecisionEvent) -> Void)?) {
        state.withLock { $0.decisionHandler = handler }
    }

    /// Registers every route: discovery, authorize (+ consent POST), token (+ aliases),
    /// registration, revocation, introspection, JWKS. Switched-off extras answer 404 at request
    /// time, so switches can change while running.
    public func install(into router: inout Router) {
        let configuration = self.configuration
        let paths = configuration.paths
        router.get(paths.authorizationServerMetadata) { [self] _, _ in authorizationServerMetadataResponse() }
        let prmPath = configuration.protectedResourceMetadataPath
        router.get(prmPath) { [self] _, _ in protectedResourceMetadataResponse() }
        if prmPath != paths.rootProtectedResourceMetadata {
            router.get(paths.rootProtectedResourceMetadata) { [self] _, _ in rootProtectedResourceMetadataResponse() }
        }
        for path in configuration.unauthorizedWellKnownPaths {
            router.get(path) { [self] request, _ in unauthorizedWellKnownResponse(path: request.path) }
        }
        router.get(paths.authorize) { [self] request, _ in authorize(parameters: request.queryItems) }
        router.post(paths.authorize) { [self] request, _ in authorizePost(request) }
        router.post(paths.authorizeDecision) { [self] request, _ in consentDecision(request) }
        for path in [paths.token] + paths.tokenAliases {
            router.post(path) { [self] request, _ in try token(request) }
        }
        router.post(paths.register) { [self] request, _ in try register(request) }
        router.post(paths.revoke) { [self] request, _ in try revoke(request) }
        router.post(paths.introspect) { [self] request, _ in try introspect(request) }
        router.get(paths.jwks) { [self] _, _ in jwksResponse() }
        installGuessedPaths(into: &router, configuration: configuration)
    }

    /// Revokes every live grant matching `predicate` (integration deleted, user deactivated,
    /// test-control reset of one client); returns how many were revoked. `predicate` runs under
    /// the server's lock and must not call back into the server.
    @discardableResult
    public func revokeGrants(reason: String, where predicate: (GrantRecord) -> Bool) -> Int {
        let revoked: [GrantRecord] = state.withLock { state in
            let grants: [GrantRecord]
            do { grants = try store.allGrants() } catch {
                logger.error("could not list grants to revoke", [("error", "\(error)")])
                return []
            }
            var revoked: [GrantRecord] = []
            for var grant in grants where !grant.isRevoked && predicate(grant) {
                grant.revokedAt = clock.now()
                grant.revocationReason = reason
                do { try store.putGrant(grant) } catch { continue }
                revoked.append(grant)
            }
            let ids = Set(revoked.map(\.id))
            state.verifiedTokens = state.verifiedTokens.filter { !ids.contains($0.value.token.grantID) }
            return revoked
        }
        for grant in revoked {
            record(.token, .accepted, rule: "grant.revoked", explanation: "grant revoked: \(reason)", clientID: grant.clientID, subjectID: grant.subjectID, fields: [("grant", grant.id)])
        }
        return revoked.count
    }

    /// Every grant, oldest first (for the admin flow inspector).
    public func grants() throws(OAuthStoreError) -> [GrantRecord] { try store.allGrants() }

    /// Forgets every code, grant, refresh token and revocation (the signing keys stay).
    public func reset() throws(OAuthStoreError) {
        try state.withLock { (state: inout State) throws(OAuthStoreError) in
            try store.removeAllGrantsAndCodes()
            state.verifiedTokens = [:]
            state.consumedTransactions = [:]
        }
    }

    // MARK: - Decisions

    /// Logs a decision, tells the decision handler, and adds it to the current request's outcome
    /// (`OAuthRequestOutcome`), so the journal sees which client asked and what was decided.
    func record(_ endpoint: OAuthDecisionEvent.Endpoint, _ outcome: OAuthDecisionEvent.Outcome, rule: String, errorCode: String? = nil,
                explanation: String, clientID: String? = nil, subjectID: String? = nil, fields: [(String, String)] = []) {
        let request = RequestOutcome.current
        let event = OAuthDecisionEvent(time: clock.now(), requestID: request?.requestID, endpoint: endpoint, clientID: clientID, subjectID: subjectID, outcome: outcome,
                                       rule: rule, errorCode: errorCode, explanation: explanation, fields: fields)
        // The fields are built only when the level is logged (the autoclosure), not on every grant.
        logger.log(outcome == .accepted ? .info : .notice, explanation, {
            var logFields: [(String, String)] = [("endpoint", endpoint.rawValue), ("outcome", outcome.rawValue), ("rule", rule)]
            if let errorCode { logFields.append(("error", errorCode)) }
            if let clientID { logFields.append(("client", clientID)) }
            if let subjectID { logFields.append(("subject", subjectID)) }
            return logFields + fields
        }())
        request?.update(OAuthRequestOutcome.self, initial: OAuthRequestOutcome()) { $0.add(event) }
        let handler = state.withLock { $0.decisionHandler }
        handler?(event)
    }

    /// Records a refusal and returns the error to throw.
    func refuse(_ endpoint: OAuthDecisionEvent.Endpoint, _ error: OAuthError, rule: String, clientID: String? = nil, fields: [(String, String)] = []) -> OAuthError {
        record(endpoint, .refused, rule: rule, errorCode: error.code.rawValue, explanation: error.explanation, clientID: clientID, fields: fields)
        return error
    }

    /// Records the store may touch per token request in its housekeeping step (`sweep`): well
    /// above the one grant or code a request adds, so the sweep keeps up with any stream.
    static let sweepBudget = 32

    /// A bounded housekeeping step of the store on every call (ended grants, expired codes),
    /// and expired codes, revocations and consent nonces dropped at most once a minute.
    func purgeIfDue() {
        let now = clock.now()
        state.withLock { state in
            let retention = Double(Self.grantRetention(state.configuration))
            do { try store.sweep(now: now, retention: retention, budget: Self.sweepBudget) } catch {
                logger.warning("sweeping ended OAuth grants failed", [("error", "\(error)")])
            }
            // The distance, not the direction: the clock is virtual and may be set back, and the
            // minute's purge must not wait for it to catch up with the last one.
            guard abs(now - state.lastPurge) >= 60 else { return }
            state.lastPurge = now
            state.consumedTransactions = state.consumedTransactions.filter { $0.value > now }
            do { try store.purge(expiredBefore: now) } catch { logger.warning("purging expired OAuth state failed", [("error", "\(error)")]) }
        }
    }
}

/// Why the authorization server could not start (signing keys unreadable or not savable).
public struct OAuthSetupError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "OAuth server setup failed: \(message)" }
}
