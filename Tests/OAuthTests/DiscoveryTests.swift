import Foundation
import Essentials
import HTTPServer
import Testing
@testable import OAuth

@Suite struct DiscoveryTests {
    /// gong.md §4.1, verbatim, with https://mcp.gong.io and https://app.gong.io swapped for the base URL.
    static let gongAuthorizationServer = """
    {"grant_types_supported":["authorization_code","refresh_token"],"issuer":"https://mcp.gong.io",
     "response_types_supported":["code"],"authorization_endpoint":"https://app.gong.io/oauth2/authorize",
     "token_endpoint":"https://app.gong.io/oauth2/token",
     "token_endpoint_auth_methods_supported":["client_secret_basic","client_secret_post"],
     "scopes_supported":["mcp:ai-ask:read","mcp:ai-briefer:read","mcp:ai-assistant:read"],
     "code_challenge_methods_supported":["S256"]}
    """
    static let gongProtectedResource = """
    {"authorization_servers":["https://mcp.gong.io"],"resource":"https://mcp.gong.io/mcp",
     "scopes_supported":["mcp:ai-ask:read","mcp:ai-briefer:read","mcp:ai-assistant:read"]}
    """

    static func swapped(_ text: String) throws -> JSONObject {
        let local = text.replacingOccurrences(of: "https://mcp.gong.io", with: Harness.issuer)
            .replacingOccurrences(of: "https://app.gong.io", with: Harness.issuer)
        return try #require(try JSONParser.parse(local).objectValue)
    }

    @Test func authorizationServerMetadataMatchesGongFieldByField() throws {
        let harness = try Harness { $0.advertiseRegistration = false }
        let response = try harness.get("/.well-known/oauth-authorization-server")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "application/json")
        let served = try Harness.json(response)
        let expected = try Self.swapped(Self.gongAuthorizationServer)
        #expect(served.keys == expected.keys, "member order as mcp.gong.io serves it")
        for key in expected.keys { #expect(served[key] == expected[key], "member \(key)") }
    }

    @Test func protectedResourceMetadataMatchesGongFieldByField() throws {
        let harness = try Harness()
        let response = try harness.get("/.well-known/oauth-protected-resource/mcp")
        #expect(response.status == .ok)
        let served = try Harness.json(response)
        let expected = try Self.swapped(Self.gongProtectedResource)
        #expect(served.keys == expected.keys)
        for key in expected.keys { #expect(served[key] == expected[key], "member \(key)") }
        let metadata = try Harness.json(try harness.get("/.well-known/oauth-authorization-server"))
        #expect(served["authorization_servers"]?.arrayValue?.first == metadata["issuer"], "issuer byte for byte")
    }

    /// The documents are serialised once and served as bytes (issue #16); a configuration change
    /// or a change in the policy's answer on registration shows on the very next request.
    @Test func cachedDocumentsFollowConfigurationAndPolicyChanges() throws {
        let harness = try Harness()
        let first = try Harness.json(try harness.get("/.well-known/oauth-authorization-server"))
        #expect(try Harness.json(try harness.get("/.well-known/oauth-authorization-server")) == first)
        #expect(try Harness.json(try harness.get("/.well-known/oauth-authorization-server"))["registration_endpoint"] != nil)
        harness.server.updateConfiguration { $0.revocation = true; $0.scopesSupported = ["only:this"] }
        let changed = try Harness.json(try harness.get("/.well-known/oauth-authorization-server"))
        #expect(changed["revocation_endpoint"] != nil)
        #expect(changed["scopes_supported"] == .array([.string("only:this")]))
        let resource = try Harness.json(try harness.get("/.well-known/oauth-protected-resource/mcp"))
        #expect(resource["scopes_supported"] == .array([.string("only:this")]))
        harness.policy.contents.withLock { $0.automaticRedirects = [] }
        #expect(try Harness.json(try harness.get("/.well-known/oauth-authorization-server"))["registration_endpoint"] == nil)
    }

    @Test func rootProtectedResourcePathAnswers401LikeGongUnlessSwitched() throws {
        let gongLike = try Harness { $0.unauthorizedWellKnownPaths = ["/.well-known/openid-configuration"] }
        #expect(try gongLike.get("/.well-known/oauth-protected-resource").status == .unauthorized)
        #expect(try gongLike.get("/.well-known/openid-configuration").status == .unauthorized)
        // The generic layer's own default: no such 401s (Gong's list is GongMock's preset).
        #expect(try Harness().get("/.well-known/openid-configuration").status == .notFound)
        let switched = try Harness { $0.serveRootProtectedResourceMetadata = true }
        let response = try switched.get("/.well-known/oauth-protected-resource")
        #expect(response.status == .ok)
        #expect(try Harness.json(response)["resource"] == .string(Harness.resource))
    }

    @Test func registrationEndpointFollowsPolicyOrSwitch() throws {
        let automatic = try Harness()
        #expect(try Harness.json(try automatic.get("/.well-known/oauth-authorization-server"))["registration_endpoint"]
                == .string(Harness.issuer + "/oauth2/register"))
        automatic.policy.contents.withLock { $0.automaticRedirects = [] }
        #expect(try Harness.json(try automatic.get("/.well-known/oauth-authorization-server"))["registration_endpoint"] == nil)
        let forced = try Harness { $0.advertiseRegistration = true }
        forced.policy.contents.withLock { $0.automaticRedirects = [] }
        #expect(try Harness.json(try forced.get("/.well-known/oauth-authorization-server"))["registration_endpoint"] != nil)
    }

    @Test func switchedExtrasAreAdvertised() throws {
        let harness = try Harness { configuration in
            configuration.revocation = true
            configuration.introspection = true
            configuration.advertiseJWKSURI = true
            configuration.advertiseIssParameter = true
            configuration.clientIDMetadataDocuments = true
            configuration.noneAuthMethod = true
        }
        let metadata = try Harness.json(try harness.get("/.well-known/oauth-authorization-server"))
        #expect(metadata["revocation_endpoint"] == .string(Harness.issuer + "/oauth2/revoke"))
        #expect(metadata["introspection_endpoint"] == .string(Harness.issuer + "/oauth2/introspect"))
        #expect(metadata["jwks_uri"] == .string(Harness.issuer + "/oauth2/jwks"))
        #expect(metadata["authorization_response_iss_parameter_supported"] == true)
        #expect(metadata["client_id_metadata_document_supported"] == true)
        #expect(metadata["token_endpoint_auth_methods_supported"] == ["client_secret_basic", "client_secret_post", "none"])
    }

    @Test func jwksListsTheSigningKey() throws {
        for algorithm in [OAuthConfiguration.SigningAlgorithm.es256, .rs256] {
            let harness = try Harness { $0.signingAlgorithm = algorithm }
            let keys = try #require(try Harness.json(try harness.get("/oauth2/jwks"))["keys"]?.arrayValue)
            #expect(keys.count == 1)
            #expect(keys.first?["kty"] == (algorithm == .es256 ? "EC" : "RSA"))
        }
    }

    @Test func protectedResourceMetadataURLIsPathInserted() {
        let configuration = OAuthConfiguration(issuer: "https://h.example", resource: "https://h.example/public/mcp", scopesSupported: [])
        #expect(configuration.protectedResourceMetadataPath == "/.well-known/oauth-protected-resource/public/mcp")
        #expect(configuration.protectedResourceMetadataURL == "https://h.example/.well-known/oauth-protected-resource/public/mcp")
    }
}
