import Essentials
import HTTPServer

extension OAuthServer {
    /// RFC 8414 §2 metadata. The first eight members are mcp.gong.io's document (gong.md §4.1)
    /// in its member order; switched extras follow.
    public func authorizationServerMetadata() -> JSONObject {
        let configuration = self.configuration
        return authorizationServerMetadata(configuration, registration: registrationEnabled(configuration))
    }

    func authorizationServerMetadata(_ configuration: OAuthConfiguration, registration: Bool) -> JSONObject {
        var document = JSONObject()
        document["grant_types_supported"] = ["authorization_code", "refresh_token"]
        document["issuer"] = .string(configuration.issuer)
        document["response_types_supported"] = ["code"]
        document["authorization_endpoint"] = .string(configuration.url(configuration.paths.authorize))
        document["token_endpoint"] = .string(configuration.url(configuration.paths.token))
        document["token_endpoint_auth_methods_supported"] = .array(configuration.enabledAuthMethods.map { .string($0.rawValue) })
        document["scopes_supported"] = .array(configuration.scopesSupported.map { .string($0) })
        document["code_challenge_methods_supported"] = ["S256"]
        if registration {
            document["registration_endpoint"] = .string(configuration.url(configuration.paths.register))
        }
        if configuration.revocation {
            document["revocation_endpoint"] = .string(configuration.url(configuration.paths.revoke))
            document["revocation_endpoint_auth_methods_supported"] = .array(configuration.enabledAuthMethods.map { .string($0.rawValue) })
        }
        if configuration.introspection {
            document["introspection_endpoint"] = .string(configuration.url(configuration.paths.introspect))
            document["introspection_endpoint_auth_methods_supported"] = .array(configuration.enabledAuthMethods.map { .string($0.rawValue) })
        }
        if configuration.advertiseJWKSURI {
            document["jwks_uri"] = .string(configuration.url(configuration.paths.jwks))
        }
        if configuration.advertiseIssParameter {
            document["authorization_response_iss_parameter_supported"] = true
        }
        if configuration.clientIDMetadataDocuments {
            document["client_id_metadata_document_supported"] = true
        }
        return document
    }

    /// RFC 9728 §2 metadata, members in mcp.gong.io's order (gong.md §4.1).
    public func protectedResourceMetadata() -> JSONObject { protectedResourceMetadata(configuration) }

    func protectedResourceMetadata(_ configuration: OAuthConfiguration) -> JSONObject {
        var document = JSONObject()
        document["authorization_servers"] = [.string(configuration.issuer)]
        document["resource"] = .string(configuration.resource)
        document["scopes_supported"] = .array(configuration.scopesSupported.map { .string($0) })
        return document
    }

    /// Whether the registration endpoint is advertised and served right now.
    func registrationEnabled(_ configuration: OAuthConfiguration) -> Bool {
        configuration.advertiseRegistration ?? policy.dynamicRegistrationAvailable
    }

    /// The serialised documents for the current configuration: built on the first request after
    /// a change, then served as they are (the bytes are shared, never copied per request).
    func discoveryDocuments() -> DiscoveryDocuments {
        let (cached, advertised) = state.withLock { ($0.discovery, $0.configuration.advertiseRegistration) }
        // The policy is asked outside the lock, as everywhere.
        let registration = advertised ?? policy.dynamicRegistrationAvailable
        if let cached, cached.registrationAdvertised == registration { return cached }
        let (configuration, generation) = state.withLock { ($0.configuration, $0.configurationGeneration) }
        let documents = DiscoveryDocuments(
            registrationAdvertised: registration,
            authorizationServer: JSONSerializer.bytes(.object(authorizationServerMetadata(configuration, registration: registration))),
            protectedResource: JSONSerializer.bytes(.object(protectedResourceMetadata(configuration))))
        // A change that landed meanwhile wins: its documents are built on the next request.
        state.withLock { if $0.configurationGeneration == generation { $0.discovery = documents } }
        return documents
    }

    func authorizationServerMetadataResponse() -> HTTPResponse {
        record(.discovery, .accepted, rule: "discovery.authorization_server", explanation: "served authorization server metadata (RFC 8414)")
        return .json(discoveryDocuments().authorizationServer)
    }

    func protectedResourceMetadataResponse() -> HTTPResponse {
        record(.discovery, .accepted, rule: "discovery.protected_resource", explanation: "served protected resource metadata (RFC 9728) at the path-inserted location")
        return .json(discoveryDocuments().protectedResource)
    }

    func rootProtectedResourceMetadataResponse() -> HTTPResponse {
        let configuration = self.configuration
        if configuration.serveRootProtectedResourceMetadata {
            record(.discovery, .accepted, rule: "discovery.protected_resource.root", explanation: "served protected resource metadata at the root location (switch serveRootProtectedResourceMetadata)")
            return .json(discoveryDocuments().protectedResource)
        }
        return unauthorizedWellKnownResponse(path: configuration.paths.rootProtectedResourceMetadata)
    }

    /// mcp.gong.io answers well-known paths it does not serve with 401 (gong.md §4.1).
    func unauthorizedWellKnownResponse(path: String) -> HTTPResponse {
        let configuration = self.configuration
        let explanation = "\(path) answers 401 as on mcp.gong.io; the protected resource metadata is at \(configuration.protectedResourceMetadataPath)"
        record(.discovery, .refused, rule: "discovery.unauthorized_path", explanation: explanation)
        return .text(explanation + "\n", status: .unauthorized, headers: ["WWW-Authenticate": "Bearer realm=\"mcp\""])
    }

    /// RFC 7517 §5 JWK Set of every verification key.
    public func jwks() -> JSONObject {
        JSONObject([("keys", .array(verificationKeys.map { $0.publicJWK() }))])
    }

    func jwksResponse() -> HTTPResponse {
        .json(JSONSerializer.bytes(.object(jwks())), headers: ["Cache-Control": "max-age=300"])
    }
}
