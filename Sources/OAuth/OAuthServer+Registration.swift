import CryptoPrimitives
import Essentials
import HTTPServer

extension OAuthServer {
    static let supportedGrantTypes = ["authorization_code", "refresh_token"]

    /// `POST /oauth2/register`: dynamic client registration (RFC 7591 §3). The shape and the
    /// generic rules are checked here; the policy approves and persists. 201 echoes the metadata
    /// (with defaults filled in), the exact requested auth method, and a secret iff that method
    /// is not `none` (mcp.md §5: clients break on a secret they did not ask for).
    func register(_ request: HTTPRequest) throws(OAuthError) -> HTTPResponse {
        let configuration = self.configuration
        guard registrationEnabled(configuration) else {
            let explanation = policy.registrationUnavailableAdvice(switchedOff: configuration.advertiseRegistration == false)
            record(.registration, .refused, rule: "register.disabled", explanation: explanation)
            return DisabledEndpoint(explanation: explanation).response()
        }
        func invalid(_ code: OAuthError.Code, _ rule: String, _ explanation: String) -> OAuthError {
            refuse(.registration, OAuthError(code, explanation), rule: rule)
        }
        guard request.mediaType == "application/json" else {
            throw invalid(.invalidClientMetadata, "register.content_type",
                          "Client metadata must be sent as application/json (RFC 7591 §3.1), not \(request.mediaType ?? "no Content-Type").")
        }
        let parsed: JSONValue
        do { parsed = try JSONParser.parse(request.body) } catch {
            throw invalid(.invalidClientMetadata, "register.json", "The client metadata is not valid JSON: \(error).")
        }
        guard let metadata = parsed.objectValue else {
            throw invalid(.invalidClientMetadata, "register.json", "The client metadata must be a JSON object, not a \(parsed.kindName).")
        }
        guard let rawRedirects = metadata["redirect_uris"] else {
            throw invalid(.invalidRedirectURI, "register.redirect_uris.missing", "redirect_uris is required for the authorization code grant (RFC 7591 §2).")
        }
        guard let redirectArray = rawRedirects.arrayValue, !redirectArray.isEmpty else {
            throw invalid(.invalidRedirectURI, "register.redirect_uris.shape", "redirect_uris must be a non-empty array of URI strings.")
        }
        var redirectURIs: [String] = []
        for entry in redirectArray {
            guard let text = entry.stringValue else {
                throw invalid(.invalidRedirectURI, "register.redirect_uris.shape", "redirect_uris contains \(entry), which is not a string.")
            }
            if let problem = Self.redirectURIProblem(text) {
                throw invalid(.invalidRedirectURI, "register.redirect_uri.invalid", problem)
            }
            redirectURIs.append(text)
        }
        let methodName = try stringMember(metadata, "token_endpoint_auth_method", invalid: invalid) ?? ClientAuthMethod.clientSecretBasic.rawValue
        if methodName == ClientAuthMethod.none.rawValue, !configuration.enabledAuthMethods.contains(.none) {
            throw invalid(.invalidClientMetadata, "register.auth_method.none",
                          "token_endpoint_auth_method 'none' is refused. " + policy.publicClientAdvice)
        }
        guard let method = ClientAuthMethod(rawValue: methodName), configuration.enabledAuthMethods.contains(method) else {
            throw invalid(.invalidClientMetadata, "register.auth_method",
                          "token_endpoint_auth_method '\(methodName)' is not supported; supported: \(configuration.enabledAuthMethods.map(\.rawValue).joined(separator: ", ")).")
        }
        // RFC 7591 §2 defaults to authorization_code alone; refresh_token is added because every token
        // response carries a refresh token (mcp.md §7) and the reply states what was registered.
        let grantTypes = try stringArrayMember(metadata, "grant_types", invalid: invalid) ?? Self.supportedGrantTypes
        let unsupportedGrants = grantTypes.filter { !Self.supportedGrantTypes.contains($0) }
        guard unsupportedGrants.isEmpty else {
            throw invalid(.invalidClientMetadata, "register.grant_types",
                          "grant_types \(unsupportedGrants.joined(separator: ", ")) not supported; supported: \(Self.supportedGrantTypes.joined(separator: ", ")).")
        }
        let responseTypes = try stringArrayMember(metadata, "response_types", invalid: invalid) ?? ["code"]
        guard responseTypes.allSatisfy({ $0 == "code" }) else {
            throw invalid(.invalidClientMetadata, "register.response_types", "response_types must be [\"code\"]; got \(responseTypes).")
        }
        guard responseTypes.contains("code") == grantTypes.contains("authorization_code") else {
            throw invalid(.invalidClientMetadata, "register.grant_response_consistency",
                          "response_types \"code\" and grant_types \"authorization_code\" go together (RFC 7591 §2.1).")
        }
        let clientName = try stringMember(metadata, "client_name", invalid: invalid)
        let scope = try stringMember(metadata, "scope", invalid: invalid)

        let issuedAt = clock.nowSeconds()
        let clientID = "dcr_" + SecureRandom.token(byteCount: 16)
        let secret = method == .none ? nil : SecureRandom.token(byteCount: 32)
        var echoed = metadata
        echoed["redirect_uris"] = .array(redirectURIs.map { .string($0) })
        echoed["token_endpoint_auth_method"] = .string(method.rawValue)
        echoed["grant_types"] = .array(grantTypes.map { .string($0) })
        echoed["response_types"] = .array(responseTypes.map { .string($0) })
        echoed["client_id"] = nil
        echoed["client_secret"] = nil
        let registration = ClientRegistrationRequest(
            clientID: clientID, clientSecret: secret, issuedAt: issuedAt, redirectURIs: redirectURIs, tokenEndpointAuthMethod: method,
            grantTypes: grantTypes, responseTypes: responseTypes, clientName: clientName,
            requestedScopes: scope.map { $0.split(separator: " ").map(String.init) }, metadata: echoed)
        let client: OAuthClient
        switch policy.registerClient(registration) {
        case .failure(let refusal):
            throw invalid(refusal.code == .invalidRedirectURI ? .invalidRedirectURI : .invalidClientMetadata, "register.policy", refusal.explanation)
        case .success(let registered): client = registered
        }
        var body = JSONObject()
        body["client_id"] = .string(client.id)
        if let secret {
            body["client_secret"] = .string(secret)
        }
        body["client_id_issued_at"] = .number(Double(issuedAt))
        if secret != nil { body["client_secret_expires_at"] = 0 }
        for (key, value) in echoed where body[key] == nil { body[key] = value }
        let grantedScopes = configuration.scopesSupported.filter(client.allowedScopes.contains) + client.allowedScopes.subtracting(configuration.scopesSupported).sorted()
        body["scope"] = .string(grantedScopes.joined(separator: " "))
        record(.registration, .accepted, rule: "register.accepted",
               explanation: "registered client '\(client.name)' (\(method.rawValue)) for \(redirectURIs.joined(separator: ", "))", clientID: client.id,
               fields: [("auth_method", method.rawValue), ("client_secret", secret.map(Redact.secret) ?? "<none>")])
        return .json(JSONSerializer.bytes(.object(body)), status: .created, headers: ["Cache-Control": "no-store", "Pragma": "no-cache"])
    }

    /// RFC 7591 §2 + OAuth 2.1 §2.3.1 / RFC 8252 §7: absolute, no fragment; `https`, `http` only
    /// on loopback, or a private-use scheme for native apps (`cursor://…`).
    static func redirectURIProblem(_ text: String) -> String? {
        guard let uri = URIReference(text) else { return "redirect_uri '\(text)' is not an absolute URI (RFC 3986 §4.3)." }
        if uri.fragment != nil { return "redirect_uri '\(text)' contains a fragment, which RFC 6749 §3.1.2 forbids." }
        switch uri.normalizedScheme {
        case "https":
            guard uri.host?.isEmpty == false else { return "redirect_uri '\(text)' has no host." }
        case "http":
            guard uri.isLoopback else { return "redirect_uri '\(text)' uses http on a non-loopback host; use https (OAuth 2.1 §2.3.1) or a loopback address (RFC 8252 §7.3)." }
        case "javascript", "data", "file", "vbscript":
            return "redirect_uri '\(text)' uses the '\(uri.scheme)' scheme, which is never allowed."
        default:
            break
        }
        return nil
    }

    private func stringMember(_ metadata: JSONObject, _ name: String, invalid: (OAuthError.Code, String, String) -> OAuthError) throws(OAuthError) -> String? {
        guard let value = metadata[name], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            throw invalid(.invalidClientMetadata, "register.\(name)", "\(name) must be a string, not a \(value.kindName).")
        }
        return text
    }

    private func stringArrayMember(_ metadata: JSONObject, _ name: String, invalid: (OAuthError.Code, String, String) -> OAuthError) throws(OAuthError) -> [String]? {
        guard let value = metadata[name], !value.isNull else { return nil }
        guard let list = value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
            throw invalid(.invalidClientMetadata, "register.\(name)", "\(name) must be an array of strings.")
        }
        return list.compactMap(\.stringValue)
    }
}
