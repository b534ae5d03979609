import CryptoPrimitives
import Essentials
import HTTPServer

extension OAuthServer {
    static let transactionType = "oauth-authz-txn+jwt"

    /// The sign-in/consent page with a fresh signed transaction binding the validated request.
    func consentPage(for request: AuthorizationRequest, client: OAuthClient, configuration: OAuthConfiguration,
                     errorMessage: String?, typedEmail: String, status: HTTPStatus) -> HTTPResponse {
        let expiresAt = clock.nowSeconds() + Int64(configuration.consentTransactionTTL)
        let payload = request.transactionPayload(nonce: SecureRandom.token(byteCount: 16), expiresAt: expiresAt)
        let transaction: String
        do {
            transaction = try JWS.sign(payload: payload, key: signingKey, header: JSONObject([("typ", .string(Self.transactionType))]))
        } catch {
            record(.authorize, .refused, rule: "authorize.transaction.sign", errorCode: OAuthError.Code.serverError.rawValue,
                   explanation: "could not sign the consent transaction: \(error)", clientID: client.id)
            return errorRedirect(request.redirectURI, code: .serverError, explanation: "The server could not prepare the consent page.",
                                 state: request.state, configuration: configuration)
        }
        let page = ConsentPage(
            brand: configuration.pageBrand, clientName: client.name, clientID: client.id, clientKind: client.kind,
            displayAttributes: client.displayAttributes,
            scopes: request.scopes.map { .init(name: $0, description: configuration.scopeDescriptions[$0], unlocks: configuration.scopeUnlocks[$0]) },
            redirectURI: request.redirectURI, redirectHost: URIReference(request.redirectURI)?.displayHost ?? request.redirectURI,
            users: policy.users(for: client), transaction: transaction, formAction: configuration.paths.authorizeDecision,
            errorMessage: errorMessage, typedEmail: typedEmail)
        return page.render(status: status)
    }

    /// `POST /oauth2/authorize`: a consent decision when it carries `transaction`, otherwise an
    /// authorization request sent as a form (RFC 6749 §3.1 allows POST).
    func authorizePost(_ request: HTTPRequest) -> HTTPResponse {
        let form = URLEncodedForm.parse(request.body)
        if form.contains(where: { $0.name == "transaction" }) { return consentDecision(request) }
        return authorize(parameters: request.queryItems + form)
    }

    /// The consent form's POST: verifies the signed transaction (so nothing validated at GET can
    /// be altered), re-checks the client and redirect URI, then approves or denies.
    func consentDecision(_ request: HTTPRequest) -> HTTPResponse {
        let configuration = self.configuration
        let form = ParameterList(URLEncodedForm.parse(request.body))
        guard let transaction = form.value("transaction") else {
            return errorPage(rule: "consent.transaction.missing", clientID: nil,
                             explanation: "The consent form was posted without its transaction; start the authorization again.", details: [])
        }
        let verified: (request: AuthorizationRequest, nonce: String, expiresAt: Double)
        switch JWS.verify(transaction, keys: verificationKeys) {
        case .failure(let error):
            return errorPage(rule: "consent.transaction.invalid", clientID: nil,
                             explanation: "The consent transaction is not valid (\(error)); it may have been altered. Start the authorization again.", details: [])
        case .success(let jws):
            guard jws.header["typ"]?.stringValue == Self.transactionType, let decoded = AuthorizationRequest.fromTransaction(jws.payload) else {
                return errorPage(rule: "consent.transaction.invalid", clientID: nil,
                                 explanation: "The consent transaction is not a transaction issued by this page. Start the authorization again.", details: [])
            }
            verified = decoded
        }
        let authorization = verified.request
        guard clock.now() < verified.expiresAt else {
            return errorPage(rule: "consent.transaction.expired", clientID: authorization.clientID,
                             explanation: "The consent page expired at \(Timestamp.iso8601(verified.expiresAt)); start the authorization again.",
                             details: [("client_id", authorization.clientID)])
        }
        if state.withLock({ $0.consumedTransactions[verified.nonce] != nil }) {
            return replayedTransactionPage(clientID: authorization.clientID)
        }
        let client: OAuthClient
        switch resolveClient(id: authorization.clientID, configuration: configuration) {
        case .success(let found): client = found
        case .failure(let failure):
            return errorPage(rule: failure.rule, clientID: authorization.clientID, explanation: failure.explanation,
                             details: [("client_id", authorization.clientID)])
        }
        // Registrations may change while the page is open: a URI no longer registered is refused.
        switch checkRedirect(authorization.redirectURI, for: client) {
        case .allowed: break
        case .refused(let explanation):
            return errorPage(rule: "consent.redirect_uri.refused", clientID: client.id, explanation: explanation,
                             details: [("client_id", client.id), ("redirect_uri", authorization.redirectURI)])
        case .mismatch(let mismatch):
            return errorPage(rule: "consent.redirect_uri.refused", clientID: client.id, explanation: mismatch.text,
                             details: [("client_id", client.id)], mismatch: mismatch)
        }
        let decision = form.value("decision") ?? ""
        switch decision {
        case "deny":
            guard claim(verified.nonce, expiresAt: verified.expiresAt) else { return replayedTransactionPage(clientID: client.id) }
            let explanation = "The user denied the authorization request on the consent page."
            record(.consent, .refused, rule: "consent.denied", errorCode: OAuthError.Code.accessDenied.rawValue, explanation: explanation, clientID: client.id)
            return errorRedirect(authorization.redirectURI, code: .accessDenied, explanation: explanation, state: authorization.state, configuration: configuration)
        case "approve":
            break
        default:
            return errorPage(rule: "consent.decision.invalid", clientID: client.id,
                             explanation: "The consent form's decision must be 'approve' or 'deny', not '\(decision)'.", details: [("client_id", client.id)])
        }
        let typedEmail = form.value("email")?.trimmingHTTPWhitespace() ?? ""
        let chosen = typedEmail.isEmpty ? (form.value("subject") ?? "") : typedEmail
        guard !chosen.isEmpty else {
            record(.consent, .refused, rule: "consent.subject.missing", explanation: "approve was pressed without choosing a user", clientID: client.id)
            return consentPage(for: authorization, client: client, configuration: configuration,
                               errorMessage: "Choose a person or type an email address, then approve.", typedEmail: "", status: .badRequest)
        }
        guard let subject = policy.subject(matching: chosen, for: client) else {
            record(.consent, .refused, rule: "consent.subject.unknown", explanation: "no user matches '\(chosen)'", clientID: client.id)
            return consentPage(for: authorization, client: client, configuration: configuration,
                               errorMessage: "No user matches '\(chosen)'.", typedEmail: typedEmail, status: .badRequest)
        }
        guard claim(verified.nonce, expiresAt: verified.expiresAt) else { return replayedTransactionPage(clientID: client.id) }
        return approve(authorization, client: client, subject: subject, via: "consent page", configuration: configuration)
    }

    /// Marks a transaction used; false when another request already did (single use).
    private func claim(_ nonce: String, expiresAt: Double) -> Bool {
        state.withLock { state in
            guard state.consumedTransactions[nonce] == nil else { return false }
            state.consumedTransactions[nonce] = expiresAt
            return true
        }
    }

    private func replayedTransactionPage(clientID: String) -> HTTPResponse {
        errorPage(rule: "consent.transaction.replayed", clientID: clientID,
                  explanation: "This consent form was already submitted; each sign-in page can be used once. Start the authorization again.",
                  details: [("client_id", clientID)])
    }

    /// Ends an approved request: `access_denied` for someone who may not connect, else a code.
    func approve(_ request: AuthorizationRequest, client: OAuthClient, subject: OAuthSubject, via: String, configuration: OAuthConfiguration) -> HTTPResponse {
        guard subject.canAuthorize else {
            let explanation = "\(subject.displayName) (\(subject.email)) cannot authorize this client: \(subject.refusalReason ?? "not allowed")."
            record(.consent, .refused, rule: "consent.subject.not_allowed", errorCode: OAuthError.Code.accessDenied.rawValue,
                   explanation: explanation, clientID: client.id, subjectID: subject.id, fields: [("via", via)])
            return errorRedirect(request.redirectURI, code: .accessDenied, explanation: explanation, state: request.state, configuration: configuration)
        }
        let code = SecureRandom.token(byteCount: 32)
        let now = clock.now()
        let codeRecord = AuthorizationCodeRecord(
            codeHash: TokenHash.of(code), clientID: client.id, redirectURI: request.redirectURI, codeChallenge: request.codeChallenge,
            scopes: request.scopes, resource: request.resource, subjectID: subject.id,
            claims: policy.additionalClaims(subject: subject, client: client),
            issuedAt: now, expiresAt: now + Double(configuration.authorizationCodeTTL))
        do {
            try store.putAuthorizationCode(codeRecord)
        } catch {
            record(.consent, .refused, rule: "consent.code.store", errorCode: OAuthError.Code.serverError.rawValue,
                   explanation: "could not store the authorization code: \(error)", clientID: client.id, subjectID: subject.id)
            return errorRedirect(request.redirectURI, code: .serverError, explanation: "The server could not store the authorization code.",
                                 state: request.state, configuration: configuration)
        }
        record(.consent, .accepted, rule: "consent.approved",
               explanation: "\(subject.email) approved \(client.name) via \(via); code issued, valid \(configuration.authorizationCodeTTL) s",
               clientID: client.id, subjectID: subject.id,
               fields: [("code", Redact.secret(code)), ("redirect_uri", request.redirectURI), ("scope", request.scopes.joined(separator: " "))])
        return redirect(request.redirectURI, parameters: [("code", code)], state: request.state, configuration: configuration)
    }
}
