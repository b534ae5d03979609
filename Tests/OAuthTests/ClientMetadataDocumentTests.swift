import Essentials
import HTTPServer
import Testing
@testable import OAuth

@Suite struct ClientMetadataDocumentTests {
    @Test func builtInFixtures() throws {
        let catalog = ClientMetadataDocumentCatalog.builtIn
        #expect(catalog.urls == [ClientMetadataDocumentCatalog.claudeCodeURL, ClientMetadataDocumentCatalog.claudeURL, ClientMetadataDocumentCatalog.conformanceURL].sorted())
        let claude = try catalog.resolve(ClientMetadataDocumentCatalog.claudeURL).get()
        #expect(claude.clientName == "Claude")
        #expect(claude.redirectURIs == ["https://claude.ai/api/mcp/auth_callback"])
        #expect(claude.grantTypes.contains("urn:ietf:params:oauth:grant-type:jwt-bearer"))
        #expect(claude.tokenEndpointAuthMethod == "none")
        let code = try catalog.resolve(ClientMetadataDocumentCatalog.claudeCodeURL).get()
        #expect(code.clientName == "Claude Code")
        #expect(code.redirectDecision("http://localhost:61234/callback") == .allowed, "portless loopback matches any port")
        #expect(code.redirectDecision("http://localhost:61234/other") != .allowed)
        let conformance = try catalog.resolve(ClientMetadataDocumentCatalog.conformanceURL).get()
        #expect(conformance.redirectDecision("http://localhost:3000/callback") == .allowed)
    }

    struct BadDocument: Sendable, CustomStringConvertible {
        let name: String
        let url: String
        let document: JSONValue
        let fragment: String
        var description: String { name }
    }

    static let bad: [BadDocument] = [
        BadDocument(name: "client_id differs", url: "https://a.example/meta", document: ["client_id": "https://b.example/meta", "client_name": "A", "redirect_uris": ["https://a.example/cb"]], fragment: "differs"),
        BadDocument(name: "no name", url: "https://a.example/meta", document: ["client_id": "https://a.example/meta", "redirect_uris": ["https://a.example/cb"]], fragment: "client_name"),
        BadDocument(name: "no redirects", url: "https://a.example/meta", document: ["client_id": "https://a.example/meta", "client_name": "A"], fragment: "redirect_uris"),
        BadDocument(name: "no path", url: "https://a.example", document: ["client_id": "https://a.example", "client_name": "A", "redirect_uris": ["https://a.example/cb"]], fragment: "path"),
        BadDocument(name: "secret method", url: "https://a.example/meta", document: ["client_id": "https://a.example/meta", "client_name": "A", "redirect_uris": ["https://a.example/cb"], "token_endpoint_auth_method": "client_secret_basic"], fragment: "shared secret"),
        BadDocument(name: "http non-loopback", url: "http://a.example/meta", document: ["client_id": "http://a.example/meta", "client_name": "A", "redirect_uris": ["https://a.example/cb"]], fragment: "https"),
    ]

    @Test(arguments: bad)
    func invalidDocumentsAreRefused(_ testCase: BadDocument) {
        var catalog = ClientMetadataDocumentCatalog()
        #expect {
            try catalog.add(url: testCase.url, document: testCase.document)
        } throws: { error in
            (error as? ClientMetadataDocumentError)?.reason.contains(testCase.fragment) == true
        }
    }

    @Test func cimdClientRunsTheFlowWithNone() throws {
        let harness = try Harness { configuration in
            configuration.clientIDMetadataDocuments = true
            configuration.noneAuthMethod = true
            configuration.autoApproveSubject = "u-ada"
        }
        let clientID = ClientMetadataDocumentCatalog.claudeCodeURL
        let redirect = "http://localhost:4567/callback"
        let code = try harness.code(query: Harness.authorizeQuery(["redirect_uri": redirect], clientID: clientID))
        let response = try harness.post(TokenTests.path, form: TokenTests.codeForm(code, ["redirect_uri": redirect]) + [("client_id", clientID)])
        #expect(response.status == .ok)
    }

    @Test func unknownOrRefusedDocumentGetsAnErrorPage() throws {
        let harness = try Harness { $0.clientIDMetadataDocuments = true }
        let unknown = try harness.get("/oauth2/authorize", Harness.authorizeQuery(clientID: "https://unknown.example/client.json"))
        #expect(unknown.status == .badRequest)
        #expect(Harness.body(unknown).contains("never fetches"))
        harness.policy.contents.withLock { $0.allowMetadataDocuments = false }
        let refused = try harness.get("/oauth2/authorize", Harness.authorizeQuery(["redirect_uri": "https://claude.ai/api/mcp/auth_callback"], clientID: ClientMetadataDocumentCatalog.claudeURL))
        #expect(refused.status == .badRequest)
        #expect(Harness.body(refused).contains("no AUTOMATIC integration approves it"))
    }

    @Test func catalogAcceptsAddedDocuments() throws {
        var catalog = ClientMetadataDocumentCatalog.builtIn
        try catalog.add(url: "https://app.example/oauth/client.json",
                        document: ["client_id": "https://app.example/oauth/client.json", "client_name": "App", "redirect_uris": ["https://app.example/cb"]])
        #expect(try catalog.resolve("https://app.example/oauth/client.json").get().clientName == "App")
        #expect(catalog.urls.count == 4)
    }
}
