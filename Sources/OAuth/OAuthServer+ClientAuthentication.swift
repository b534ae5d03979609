import CryptoPrimitives
import Essentials
import HTTPServer

extension OAuthServer {
    /// A client that proved who it is, and how.
    struct AuthenticatedClient {
        let client: OAuthClient
        let method: ClientAuthMethod
    }

    /// Client authentication at the token, revocation and introspection endpoints (RFC 6749
    /// §2.3): `client_secret_basic` (credentials form-encoded before base64, §2.3.1),
    /// `client_secret_post`, or `none` for public clients; exactly one method per request.
    func authenticateClient(_ request: HTTPRequest, parameters: ParameterList, endpoint: OAuthDecisionEvent.Endpoint,
                            configuration: OAuthConfiguration) throws(OAuthError) -> AuthenticatedClient {
        let realm = configuration.issuer
        if let duplicate = parameters.firstDuplicate(among: ["client_id", "client_secret"]) {
            throw refuse(endpoint, OAuthError(.invalidRequest, "The parameter \(duplicate) was sent more than once (RFC 6749 §3.2)."), rule: "client_auth.duplicate_parameter")
        }
        let bodyClientID = parameters.value("client_id")
        let bodySecret = parameters.value("client_secret")
        var method: ClientAuthMethod
        var clientIDs: [String]
        var secrets: [String] = []
        if let authorization = request.headers["Authorization"] {
            let candidates = try basicCredentialCandidates(authorization, endpoint: endpoint, realm: realm, bodyClientID: bodyClientID)
            if bodySecret != nil {
                throw refuse(endpoint, OAuthError(.invalidRequest, "The client authenticated with both client_secret_basic and client_secret_post; use exactly one method (RFC 6749 §2.3)."),
                             rule: "client_auth.multiple_methods", clientID: bodyClientID)
            }
            method = .clientSecretBasic
            clientIDs = candidates.ids
            secrets = candidates.secrets
            if let bodyClientID, !clientIDs.contains(bodyClientID) {
                throw refuse(endpoint, OAuthError(.invalidRequest, "client_id '\(bodyClientID)' in the body differs from the client in the Basic credentials ('\(clientIDs[0])')."),
                             rule: "client_auth.client_id_mismatch", clientID: bodyClientID)
            }
        } else if let bodySecret {
            method = .clientSecretPost
            guard let bodyClientID else {
                throw refuse(endpoint, .invalidClient("client_secret was sent without client_id.", usedBasic: false, realm: realm), rule: "client_auth.post.no_client_id")
            }
            clientIDs = [bodyClientID]
            secrets = [bodySecret]
        } else if let bodyClientID {
            method = .none
            clientIDs = [bodyClientID]
        } else {
            throw refuse(endpoint, .invalidClient("No client authentication was sent: use HTTP Basic (client_secret_basic), client_id + client_secret in the body (client_secret_post), or client_id alone for a public client.",
                                                  usedBasic: false, realm: realm), rule: "client_auth.missing")
        }
        let usedBasic = method == .clientSecretBasic
        var client: OAuthClient?
        var lookupFailure: ClientLookupFailure?
        for candidate in clientIDs {
            switch resolveClient(id: candidate, configuration: configuration) {
            case .success(let found): client = found
            case .failure(let failure): lookupFailure = lookupFailure ?? failure
            }
            if client != nil { break }
        }
        guard let client else {
            let explanation = lookupFailure?.explanation ?? "client_id '\(clientIDs[0])' is not registered."
            throw refuse(endpoint, .invalidClient(explanation, usedBasic: usedBasic, realm: realm), rule: lookupFailure?.rule ?? "client.unknown", clientID: clientIDs[0])
        }
        let fields = [("auth_method", method.rawValue)]
        guard configuration.enabledAuthMethods.contains(method) else {
            throw refuse(endpoint, .invalidClient("Client authentication method '\(method.rawValue)' is not enabled on this server; supported: \(configuration.enabledAuthMethods.map(\.rawValue).joined(separator: ", ")).",
                                                  usedBasic: usedBasic, realm: realm), rule: "client_auth.method.disabled", clientID: client.id, fields: fields)
        }
        if method == .none, client.isConfidential {
            throw refuse(endpoint, .invalidClient("Client '\(client.id)' is confidential and must authenticate with its secret (client_secret_basic or client_secret_post); none was sent.",
                                                  usedBasic: false, realm: realm), rule: "client_auth.none.confidential", clientID: client.id, fields: fields)
        }
        guard client.allowedAuthMethods.contains(method) else {
            let allowed = ClientAuthMethod.allCases.filter(client.allowedAuthMethods.contains).map(\.rawValue).joined(separator: ", ")
            throw refuse(endpoint, .invalidClient("Client '\(client.id)' may authenticate with \(allowed), not \(method.rawValue).",
                                                  usedBasic: usedBasic, realm: realm), rule: "client_auth.method.not_allowed", clientID: client.id, fields: fields)
        }
        if configuration.tokenEndpointAuthStrictness == .registeredMethodOnly, let registered = client.registeredAuthMethod, registered != method {
            throw refuse(endpoint, .invalidClient("Client '\(client.id)' registered token_endpoint_auth_method \(registered.rawValue) but used \(method.rawValue) (strict mode).",
                                                  usedBasic: usedBasic, realm: realm), rule: "client_auth.method.strict", clientID: client.id, fields: fields)
        }
        if method != .none {
            guard let expected = client.secret else {
                throw refuse(endpoint, .invalidClient("Client '\(client.id)' is public and has no secret; authenticate with client_id only (none).",
                                                      usedBasic: usedBasic, realm: realm), rule: "client_auth.secret.public_client", clientID: client.id, fields: fields)
            }
            var matched = false
            for secret in secrets where ConstantTime.equals(secret, expected) { matched = true }
            guard matched else {
                throw refuse(endpoint, .invalidClient("The client secret does not match client '\(client.id)' (method \(method.rawValue)).",
                                                      usedBasic: usedBasic, realm: realm), rule: "client_auth.secret.mismatch", clientID: client.id,
                             fields: fields + [("client_secret", Redact.secret(secrets.first ?? ""))])
            }
        }
        return AuthenticatedClient(client: client, method: method)
    }

    /// The client ids and secrets `Authorization: Basic …` may mean, in the order to try them:
    /// RFC 6749 §2.3.1 form-encodes both parts and many clients do not, so the form-decoded
    /// reading comes first and the raw text second. The usual plain credentials are read once
    /// (`plainBasicCredentials`); another scheme or undecodable credentials are refused here.
    private func basicCredentialCandidates(_ authorization: String, endpoint: OAuthDecisionEvent.Endpoint, realm: String,
                                           bodyClientID: String?) throws(OAuthError) -> (ids: [String], secrets: [String]) {
        if let plain = Self.plainBasicCredentials(authorization) { return ([plain.id], [plain.secret]) }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic" else {
            let scheme = parts.first.map(String.init) ?? ""
            throw refuse(endpoint, .invalidClient("The Authorization header uses the '\(scheme)' scheme; client authentication accepts only Basic (client_secret_basic) here.",
                                                  usedBasic: true, realm: realm), rule: "client_auth.basic.scheme", clientID: bodyClientID)
        }
        guard let decoded = Base64.decode(String(parts[1]).trimmingHTTPWhitespace()).flatMap({ String(validating: $0, as: UTF8.self) }),
              let colon = decoded.utf8.firstIndex(of: UInt8(ascii: ":")) else {
            throw refuse(endpoint, .invalidClient("The Basic credentials are not base64 of 'client_id:client_secret' (RFC 7617 §2).",
                                                  usedBasic: true, realm: realm), rule: "client_auth.basic.malformed", clientID: bodyClientID)
        }
        let rawID = String(decoded[..<colon])
        let rawSecret = String(decoded[decoded.utf8.index(after: colon)...])
        return (unique([URLEncodedForm.percentDecode(rawID, plusAsSpace: true) ?? rawID, rawID]),
                unique([URLEncodedForm.percentDecode(rawSecret, plusAsSpace: true) ?? rawSecret, rawSecret]))
    }

    /// `Basic <base64>` (exactly one space, the scheme in ASCII of any case) whose credentials are
    /// ASCII with no `%` or `+`: what nearly every client sends. Their form-decoded and raw
    /// readings (RFC 6749 §2.3.1) are then the same text, so there is one candidate of each.
    /// Nil for anything else, which the general parsing handles (and refuses precisely).
    static func plainBasicCredentials(_ header: String) -> (id: String, secret: String)? {
        var header = header
        let decoded: [UInt8]? = header.withUTF8 { bytes in
            let scheme: [UInt8] = [0x62, 0x61, 0x73, 0x69, 0x63] // "basic"
            guard bytes.count > 6, bytes[5] == UInt8(ascii: " ") else { return nil }
            for index in 0..<5 where bytes[index] | 0x20 != scheme[index] { return nil }
            let rest = UnsafeBufferPointer(rebasing: bytes[6...])
            let base64 = rest.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="): return true
                default: return false
                }
            }
            return base64 ? Base64.decode(utf8: rest) : nil
        }
        guard let decoded, decoded.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "%") && $0 != UInt8(ascii: "+") }),
              let colon = decoded.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        return (String(decoding: decoded[..<colon], as: UTF8.self), String(decoding: decoded[(colon + 1)...], as: UTF8.self))
    }

    private func unique(_ values: [String]) -> [String] {
        var seen: [String] = []
        for value in values where !seen.contains(value) { seen.append(value) }
        return seen
    }

    /// Token-style request parameters (RFC 6749 §4.1.3): the form body, plus the query string of
    /// the POST when enabled (some Gong clients send them there). JSON bodies are refused.
    func formParameters(_ request: HTTPRequest, endpoint: OAuthDecisionEvent.Endpoint, configuration: OAuthConfiguration) throws(OAuthError) -> ParameterList {
        var items: [(name: String, value: String)] = []
        if !request.body.isEmpty {
            let mediaType = request.mediaType ?? "application/x-www-form-urlencoded"
            guard mediaType == "application/x-www-form-urlencoded" else {
                throw refuse(endpoint, OAuthError(.invalidRequest, "The request body is \(mediaType); this endpoint takes application/x-www-form-urlencoded (RFC 6749 §4.1.3)."),
                             rule: "request.content_type")
            }
            items = URLEncodedForm.parse(request.body)
        }
        if configuration.acceptTokenParametersInQuery { items += request.queryItems }
        return ParameterList(items)
    }
}
