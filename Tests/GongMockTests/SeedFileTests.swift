import Essentials
import Foundation
import Testing
@testable import GongMock

@Suite struct SeedFileTests {
    func parse(_ text: String) throws(SeedError) -> SeedFile { try SeedFile.parse(Array(text.utf8), fileName: "seed.json") }

    static let errorCases: [(String, String)] = [
        (#"{"integrations":[{"name":"A","redirectURIs":["https://a.example/cb"],"authorizationContext":"TEAM"}]}"#,
         #"seed.json: integrations[0].authorizationContext: expected "PERSONAL" or "SHARED", got "TEAM""#),
        (#"{"integrations":[{"name":"A","redirectURIs":["https://a.example/cb"],"registrationType":"DCR"}]}"#,
         #"seed.json: integrations[0].registrationType: expected "MANUAL" or "AUTOMATIC", got "DCR""#),
        (#"{"bogus":1}"#, "seed.json: bogus: unknown key; known keys: adminToken, adminLoginToken, autoApprove, credits, integrations, faults, clock, creditsExhausted, registeredClients, oauthGrants, company"),
        (#"{"integrations":[{"name":"A","redirectURIs":["https://a.example/cb"],"colour":"red"}]}"#,
         "seed.json: integrations[0].colour: unknown key; known keys: id, name, authorizationContext, registrationType, redirectURIs, chatGPTDynamicRedirect, scopes, clientId, clientSecret"),
        (#"{"integrations":[{"redirectURIs":["https://a.example/cb"]}]}"#, "seed.json: integrations[0].name: required key is missing"),
        (#"{"integrations":[{"name":"A"}]}"#, "seed.json: integrations[0].redirectURIs: required key is missing"),
        (#"{"integrations":[{"name":"A","redirectURIs":"https://a.example/cb"}]}"#,
         #"seed.json: integrations[0].redirectURIs: expected an array, got "https://a.example/cb""#),
        (#"{"integrations":[{"name":"A","redirectURIs":[]}]}"#,
         "seed.json: integrations[0].redirectURIs: at least one redirect URI is required unless chatGPTDynamicRedirect is true"),
        (#"{"integrations":[{"name":"A","redirectURIs":["https://a.example/cb", 3]}]}"#,
         "seed.json: integrations[0].redirectURIs[1]: expected a string, got 3"),
        (#"{"integrations":[{"name":"A","redirectURIs":["https://a.example/cb"],"scopes":["mcp:everything"]}]}"#,
         #"seed.json: integrations[0].scopes[0]: unknown scope "mcp:everything"; known scopes: mcp:ai-ask:read, mcp:ai-briefer:read, mcp:ai-assistant:read"#),
        (#"{"integrations":[{"name":"A","redirectURIs":["https://a.example/cb"],"clientSecret":"short"}]}"#,
         "seed.json: integrations[0].clientSecret: expected 8 to 256 printable ASCII characters without spaces or ':'"),
        (#"{"credits":{"balance":-1}}"#, "seed.json: credits.balance: expected a number >= 0, got -1"),
        (#"{"credits":{"balance":10,"total":5}}"#, "seed.json: credits.balance: the balance (10) cannot exceed the total (5)"),
        (#"{"credits":{"balance":10,"extra":5}}"#, "seed.json: credits.extra: unknown key; known keys: balance, total"),
        (#"{"adminToken":"short"}"#, "seed.json: adminToken: expected 16 to 256 printable ASCII characters without spaces"),
        (#"{"autoApprove":"nobody"}"#, #"seed.json: autoApprove: expected a user's email address, got "nobody""#),
        (#"[]"#, "seed.json: (top level): expected an object, got an array"),
        ("{\n  \"credits\": }", "seed.json: invalid JSON at line 2, column 14: unexpected character"),
    ]

    @Test(arguments: errorCases)
    func refusesNamingTheKeyPath(text: String, message: String) {
        #expect {
            _ = try parse(text)
        } throws: { error in
            (error as? SeedError)?.description == message
        }
    }

    @Test func badRedirectURINamesItsRule() {
        #expect {
            _ = try parse(#"{"integrations":[{"name":"A","redirectURIs":["https://a.example/cb","http://a.example/cb"]}]}"#)
        } throws: { error in
            let text = (error as? SeedError)?.description ?? ""
            return text.hasPrefix("seed.json: integrations[0].redirectURIs[1]: ") && text.contains("https-or-loopback")
        }
    }

    @Test func exampleFixtureLoads() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/seed-example.json").path
        let seed = try SeedFile.load(path: path)
        #expect(seed.integrations.count == 3)
        #expect(seed.integrations[0].redirectURIs == RedirectURIRules.claudeCallbacks)
        #expect(seed.integrations[1].clientId == "ci-client-0001" && seed.integrations[1].authorizationContext == .shared)
        #expect(seed.integrations[2].registrationType == .automatic && seed.integrations[2].chatGPTDynamicRedirect)
        #expect(seed.credits == SeedFile.Credits(balance: 5000, total: 10000))
        #expect(seed.adminToken == "ci-admin-token-0123456789abcdef")
        #expect(seed.autoApprove == "priya.raman@northwind-analytics.com")
        let store = IntegrationStore(clock: ManualClock())
        #expect(try store.applySeed(seed.integrations).count == 3)
    }

    @Test func missingFileIsNamed() {
        #expect(throws: SeedError(file: "/nonexistent/seed.json", keyPath: "", problem: "cannot read the file (missing or not readable)")) {
            _ = try SeedFile.load(path: "/nonexistent/seed.json")
        }
    }
}

