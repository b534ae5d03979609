import CryptoPrimitives
import Essentials
import HTTPServer

extension OAuthServer {
    /// `GET /oauth2/authorize` (RFC 6749 §4.1.1, RFC 7636 §4.3, RFC 8707 §2). Client and redirect
    /// URI are checked first and, when bad, answered with an error page and no redirect; every
    /// later refusal redirects back with `error`, `error_description`, `state` and `iss`.
    func authorize(parameters: [(name: String, value: String)]) -> HTTPResponse {
        purgeIfDue()
        let configuration = self.configuration
        let parameters = ParameterList(parameters)
        if let duplicate = parameters.firstDuplicate(among: ["client_id", "redirect_uri"]) {
            return errorPage(rule: "authorize.duplicate_parameter", clientID: nil,
                             explanation: "The parameter \(duplicate) was sent more than once (RFC 6749 §3.1).", details: [])
        }
        guard let clientID = parameters.value("client_id") else {
            return errorPage(rule: "authorize.client_id.missing", clientID: nil,
                             explanation: "The authorization request has no client_id parameter (RFC 6749 §4.1.1).", details: [])
        }
        let client: OAuthClient
        switch resolveClient(id: clientID, configuration: configuration) {
        case .success(let found): client = found
        case .failure(let failure):
            return errorPage(rule: failure.rule, clientID: clientID, explanation: failure.explanation, details: [("client_id", clientID)])
        }
        guard let redirectURI = parameters.value("redirect_uri") else {
            return errorPage(rule: "authorize.redirect_uri.missing", clientID: clientID,
                             explanation: "The authorization request has no redirect_uri parameter; this server requires it (OAuth 2.1 §4.1.1).",
                             details: [("client_id", clientID), ("client", client.name)])
        }
        switch checkRedirect(redirectURI, for: client) {
        case .allowed: break
        case .refused(let explanation):
            return errorPage(rule: "authorize.redirect_uri.refused", clientID: clientID, explanation: explanation,
                             details: [("client_id", clientID), ("client", client.name), ("redirect_uri", redirectURI)])
        case .mismatch(let mismatch):
            return errorPage(rule: "authorize.redirect_uri.refused", clientID: clientID, explanation: mismatch.text,
                             details: [("client_id", clientID), ("client", client.name)], mismatch: mismatch)
        }
        let stateParameter: String? = {
            if case .value(let value) = parameters.single("state") { return value }
            return nil
        }()
        func refuse(_ code: OAuthError.Code, _ rule: String, _ explanation: String) -> HTTPResponse {
            record(.authorize, .refused, rule: rule, errorCode: code.rawValue, explanation: explanation, clientID: clientID,
                   fields: [("redirect_uri", redirectURI)])
            return errorRedirect(redirectURI, code: code, explanation: explanation, state: stateParameter, configuration: configuration)
        }
        if let duplicate = parameters.firstDuplicate(among: ["response_type", "state", "code_challenge", "code_challenge_method", "scope"]) {
            return refuse(.invalidRequest, "authorize.duplicate_parameter", "The parameter \(duplicate) was sent more than once (RFC 6749 §3.1).")
        }
        guard let responseType = parameters.value("response_type") else {
            return refuse(.invalidRequest, "authorize.response_type.missing", "response_type is required and must be 'code' (RFC 6749 §4.1.1).")
        }
        guard responseType == "code" else {
            return refuse(.unsupportedResponseType, "authorize.response_type.unsupported",
                          "response_type '\(responseType)' is not supported; only 'code' is (OAuth 2.1 §4.1.1).")
        }
        guard let challenge = parameters.value("code_challenge") else {
            return refuse(.invalidRequest, "authorize.pkce.missing",
                          "code_challenge is required: this server requires PKCE with S256 (RFC 7636 §4.3, OAuth 2.1 §4.1.1).")
        }
        let method = parameters.value("code_challenge_method")
        guard method == "S256" else {
            let shown = method.map { "'\($0)'" } ?? "absent (which means 'plain', RFC 7636 §4.3)"
            return refuse(.invalidRequest, "authorize.pkce.method",
                          "code_challenge_method is \(shown); only S256 is supported (code_challenge_methods_supported).")
        }
        guard Self.isValidS256Challenge(challenge) else {
            return refuse(.invalidRequest, "authorize.pkce.challenge",
                          "code_challenge must be the 43-character base64url encoding of a SHA-256 digest (RFC 7636 §4.2); got \(challenge.count) characters.")
        }
        let scopes: [String]
        switch resolveScopes(requested: parameters.value("scope"), client: client, configuration: configuration) {
        case .success(let granted):
            scopes = granted.scopes
            if let narrowed = granted.narrowing {
                record(.authorize, .accepted, rule: "authorize.scope.narrowed", explanation: narrowed, clientID: clientID,
                       fields: [("requested_scope", parameters.value("scope") ?? ""), ("scope", scopes.joined(separator: " "))])
            }
        case .failure(let refusal): return refuse(.invalidScope, "authorize.scope", refusal.explanation)
        }
        let resources = parameters.all("resource")
        for resource in resources where !ResourceIdentifier.matches(resource, canonical: configuration.resource) {
            return refuse(.invalidTarget, "authorize.resource",
                          "resource '\(resource)' is not this server's protected resource '\(configuration.resource)' (RFC 8707 §2).")
        }
        let request = AuthorizationRequest(clientID: clientID, redirectURI: redirectURI, state: stateParameter, codeChallenge: challenge,
                                           scopes: scopes, resource: resources.first)
        var fields: [(String, String)] = [("redirect_uri", redirectURI), ("scope", scopes.joined(separator: " "))]
        fields.append(("resource", resources.first ?? "<absent: tolerated>"))
        record(.authorize, .accepted, rule: "authorize.request.valid",
               explanation: resources.isEmpty
                   ? "authorization request is valid; no resource parameter was sent (tolerated; MCP 2025-06-18 clients should send it)"
                   : "authorization request is valid",
               clientID: clientID, fields: fields)

        if let automatic = configuration.autoApproveSubject {
            if let subject = policy.subject(matching: automatic, for: client) {
                return approve(request, client: client, subject: subject, via: "auto-approve", configuration: configuration)
            }
            record(.authorize, .refused, rule: "authorize.auto_approve.unknown_subject",
                   explanation: "auto-approve names '\(automatic)', which matches no user for this client; showing the consent page instead",
                   clientID: clientID)
        }
        return consentPage(for: request, client: client, configuration: configuration, errorMessage: nil, typedEmail: "", status: .ok)
    }

    /// RFC 7636 §4.2: S256 challenges are exactly 43 base64url characters.
    static func isValidS256Challenge(_ challenge: String) -> Bool {
        challenge.utf8.count == 43 && challenge.utf8.allSatisfy { byte in
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D || byte == 0x5F
        }
    }

    /// The generic part of the redirect rule (no fragment, absolute URI) and then the client's.
    func checkRedirect(_ redirectURI: String, for client: OAuthClient) -> RedirectDecision {
        guard let uri = URIReference(redirectURI) else {
            return .refused(explanation: "redirect_uri '\(redirectURI)' is not an absolute URI (RFC 3986 §4.3).")
        }
        if uri.fragment != nil {
            return .refused(explanation: "redirect_uri '\(redirectURI)' contains a fragment, which RFC 6749 §3.1.2 forbids.")
        }
        return client.redirectDecision(redirectURI)
    }

    func errorPage(rule: String, clientID: String?, explanation: String, details: [(label: String, value: String)],
                   mismatch: RedirectMismatch? = nil) -> HTTPResponse {
        record(.authorize, .refused, rule: rule, errorCode: nil, explanation: explanation, clientID: clientID,
               fields: details.map { ($0.label, $0.value) } + (mismatch?.fields ?? []))
        return AuthorizationErrorPage(explanation: explanation, details: details, mismatch: mismatch, brand: configuration.pageBrand).render()
    }

    /// `redirect_uri?error=…&error_description=…&state=…&iss=…` (RFC 6749 §4.1.2.1, RFC 9207).
    func errorRedirect(_ redirectURI: String, code: OAuthError.Code, explanation: String, state: String?, configuration: OAuthConfiguration) -> HTTPResponse {
        redirect(redirectURI, parameters: [("error", code.rawValue), ("error_description", explanation)], state: state, configuration: configuration)
    }

    /// A 302 (never 307/308, which would make the browser re-POST the consent form) to the
    /// redirect URI with the parameters appended to any query it already has.
    func redirect(_ redirectURI: String, parameters: [(String, String)], state: String?, configuration: OAuthConfiguration) -> HTTPResponse {
        var pairs = parameters
        if let state { pairs.append(("state", state)) }
        if configuration.includeIssInRedirects { pairs.append(("iss", configuration.issuer)) }
        let separator = redirectURI.contains("?") ? "&" : "?"
        var response = HTTPResponse.redirect(to: redirectURI + separator + URLEncodedForm.encode(pairs), status: .found)
        response.headers.add("Cache-Control", "no-store")
        return response
    }
}
