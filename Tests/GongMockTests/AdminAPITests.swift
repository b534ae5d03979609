import Essentials
import HTTPServer
import Testing
@testable import GongMock

@Suite struct AdminAPITests {
    let harness: AdminHarness
    init() throws { harness = try AdminHarness() }

    func create(_ json: String = #"{"name":"Claude","redirectURIs":["https://claude.ai/api/mcp/auth_callback"]}"#) throws -> JSONValue {
        let response = try harness.call(.post, "/admin/api/integrations", json: json)
        #expect(response.status == .created)
        return try #require(response.json)
    }

    static let routes: [(HTTPMethod, String)] = [
        (.get, "/admin/api/integrations"), (.post, "/admin/api/integrations"), (.get, "/admin/api/integrations/1"),
        (.get, "/admin/api/integrations/1/credentials"), (.patch, "/admin/api/integrations/1"),
        (.post, "/admin/api/integrations/1/rotate-secret"), (.delete, "/admin/api/integrations/1"),
        (.get, "/admin/api/users"), (.get, "/admin/api/accounts"), (.get, "/admin/api/deals"), (.get, "/admin/api/contacts"),
        (.get, "/admin/api/briefs"), (.get, "/admin/api/credits"), (.put, "/admin/api/credits"), (.get, "/admin/api/credits/usage"),
    ]

    @Test(arguments: routes)
    func everyRouteNeedsTheBearerToken(method: HTTPMethod, path: String) throws {
        for token in [nil, "wrong-token", AdminHarness.token + "x"] {
            let response = try harness.call(method, path, json: "{}", token: token)
            #expect(response.status == .unauthorized)
            #expect(response.json?["error"] == "unauthorized")
            #expect(response.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
        }
    }

    @Test func createReturnsCredentialsAndStoredFields() throws {
        let body = try create(#"{"name":"CI","authorizationContext":"SHARED","registrationType":"AUTOMATIC","redirectURIs":["http://127.0.0.1/cb"," "],"scopes":["mcp:ai-ask:read"]}"#)
        #expect(body["name"] == "CI" && body["authorizationContext"] == "SHARED" && body["registrationType"] == "AUTOMATIC")
        #expect(body["redirectURIs"] == ["http://127.0.0.1/cb"] && body["scopes"] == ["mcp:ai-ask:read"])
        let id = try #require(body["id"]?.stringValue)
        let secret = try #require(body["clientSecret"]?.stringValue)
        #expect(secret.count == 48 && body["clientId"]?.stringValue?.count == 24)
        #expect(body["createdAt"]?.stringValue?.hasSuffix("Z") == true)

        let fetched = try #require(try harness.call(.get, "/admin/api/integrations/\(id)").json)
        #expect(fetched["clientSecret"]?.stringValue == "••••••••" + secret.suffix(4))
        let credentials = try #require(try harness.call(.get, "/admin/api/integrations/\(id)/credentials").json)
        #expect(credentials == ["clientId": body["clientId"] ?? .null, "clientSecret": .string(secret)])
        let list = try #require(try harness.call(.get, "/admin/api/integrations").json?.arrayValue)
        #expect(list.count == 1 && list[0]["clientSecret"]?.stringValue?.hasPrefix("••••") == true)
    }

    @Test func defaultsArePersonalManualAllScopes() throws {
        let body = try create()
        #expect(body["authorizationContext"] == "PERSONAL" && body["registrationType"] == "MANUAL")
        #expect(body["scopes"] == ["mcp:ai-ask:read", "mcp:ai-briefer:read", "mcp:ai-assistant:read"])
    }

    static let badCreates: [(String, String, String)] = [
        (#"{"name":"A","redirectURIs":["https://a.example/cb"],"color":"red"}"#, "unknown_member", "'color'"),
        (#"{"redirectURIs":["https://a.example/cb"]}"#, "missing_member", "'name'"),
        (#"{"name":"A"}"#, "missing_member", "'redirectURIs'"),
        (#"{"name":5,"redirectURIs":["https://a.example/cb"]}"#, "invalid_type", "'name'"),
        (#"{"name":"A","redirectURIs":"https://a.example/cb"}"#, "invalid_type", "'redirectURIs'"),
        (#"{"name":"A","redirectURIs":[1]}"#, "invalid_type", "'redirectURIs[0]'"),
        (#"{"name":"A","redirectURIs":["https://a.example/cb"],"scopes":"x"}"#, "invalid_type", "'scopes'"),
        (#"{"name":"A","redirectURIs":["https://a.example/cb"],"authorizationContext":"TEAM"}"#, "invalid_value", "\"PERSONAL\""),
        (#"{"name":"A","redirectURIs":["http://a.example/cb"]}"#, "invalid_redirect_uri", "https-or-loopback"),
        (#"{"name":"A","redirectURIs":["https://a.example/cb#x"]}"#, "invalid_redirect_uri", "no-fragment"),
        (#"{"name":"A","redirectURIs":["https://*.example/cb"]}"#, "invalid_redirect_uri", "no-wildcard"),
        (#"{"name":"A","redirectURIs":[]}"#, "missing_redirect_uri", "Required"),
        (#"{"name":"A","redirectURIs":["https://a.example/cb"],"scopes":["mcp:x"]}"#, "unknown_scope", "'mcp:x'"),
        (#"{"name":"  ","redirectURIs":["https://a.example/cb"]}"#, "invalid_name", "required"),
        (#"not json"#, "invalid_json", "not valid JSON"),
        (#"[1]"#, "invalid_json", "object"),
    ]

    @Test(arguments: badCreates)
    func createRefusals(json: String, code: String, fragment: String) throws {
        let response = try harness.call(.post, "/admin/api/integrations", json: json)
        #expect(response.status == .badRequest)
        #expect(response.json?["error"]?.stringValue == code)
        #expect(response.json?["message"]?.stringValue?.contains(fragment) == true, "\(response.bodyText)")
        #expect(harness.store.list().isEmpty)
    }

    @Test func patchEditsAndRefusesImmutableFields() throws {
        let id = try #require(try create()["id"]?.stringValue)
        let patched = try harness.call(.patch, "/admin/api/integrations/\(id)", json: #"{"name":"Claude 2","redirectURIs":["https://claude.ai/api/mcp/auth_callback","https://claude.com/api/mcp/auth_callback"],"scopes":["mcp:ai-briefer:read"]}"#)
        #expect(patched.status == .ok && patched.json?["name"] == "Claude 2" && patched.json?["scopes"] == ["mcp:ai-briefer:read"])
        for field in ["authorizationContext", "registrationType"] {
            let response = try harness.call(.patch, "/admin/api/integrations/\(id)", json: #"{"\#(field)":"SHARED"}"#)
            #expect(response.status == .badRequest && response.json?["error"] == "immutable_field")
            #expect(response.json?["message"]?.stringValue == "\(field): This setting can't be changed once you've submitted the integration.")
        }
        let secret = try harness.call(.patch, "/admin/api/integrations/\(id)", json: #"{"clientSecret":"x"}"#)
        #expect(secret.status == .badRequest && secret.json?["error"] == "read_only_field")
        let unknown = try harness.call(.patch, "/admin/api/integrations/\(id)", json: #"{"nmae":"x"}"#)
        #expect(unknown.json?["error"] == "unknown_member" && unknown.json?["message"]?.stringValue?.contains("'nmae'") == true)
        let badURI = try harness.call(.patch, "/admin/api/integrations/\(id)", json: #"{"redirectURIs":["ftp ://x"]}"#)
        #expect(badURI.status == .badRequest && badURI.json?["error"] == "invalid_redirect_uri")
        #expect(harness.store.get(id: id)?.authorizationContext == .personal && harness.store.get(id: id)?.name == "Claude 2")
    }

    @Test func rotateAndDelete() throws {
        let created = try create()
        let id = try #require(created["id"]?.stringValue)
        let rotated = try harness.call(.post, "/admin/api/integrations/\(id)/rotate-secret")
        #expect(rotated.status == .ok && rotated.json?["clientSecret"] != created["clientSecret"])
        #expect(rotated.json?["clientSecret"]?.stringValue?.count == 48)
        let deleted = try harness.call(.delete, "/admin/api/integrations/\(id)")
        #expect(deleted.status == .noContent && deleted.bodyBytes.isEmpty)
        #expect(harness.deleted.ids.withLock { $0 } == [id])
        #expect(try harness.call(.get, "/admin/api/integrations/\(id)").status == .notFound)
    }

    static let unknownIDRoutes: [(HTTPMethod, String)] = [
        (.get, ""), (.get, "/credentials"), (.patch, ""), (.post, "/rotate-secret"), (.delete, ""), (.get, "/clients"),
    ]

    @Test(arguments: unknownIDRoutes)
    func unknownIdIs404(method: HTTPMethod, suffix: String) throws {
        let response = try harness.call(method, "/admin/api/integrations/12345\(suffix)", json: method == .patch ? #"{"name":"x"}"# : nil)
        #expect(response.status == .notFound && response.json?["error"] == "not_found")
        #expect(response.json?["message"]?.stringValue?.contains("12345") == true)
    }

    @Test(arguments: ["users", "accounts", "deals", "contacts", "briefs"])
    func companyListsHaveIds(kind: String) throws {
        let response = try harness.call(.get, "/admin/api/\(kind)")
        let list = try #require(response.json?.arrayValue)
        #expect(response.status == .ok && !list.isEmpty)
        #expect(list.allSatisfy { $0["id"]?.stringValue?.isEmpty == false })
    }

    @Test func creditsReadSetAndUsage() throws {
        #expect(try harness.call(.get, "/admin/api/credits").json == ["balance": 500, "total": 1000])
        #expect(try harness.call(.put, "/admin/api/credits", json: #"{"balance": 42}"#).json == ["balance": 42, "total": 1000])
        #expect(try harness.call(.put, "/admin/api/credits", json: #"{"balance": 2000}"#).json == ["balance": 2000, "total": 2000])
        for bad in [#"{"balance": -1}"#, #"{"balance": "x"}"#, #"{}"#, #"{"balance": 1, "extra": 2}"#, #"{"balance": 10, "total": 5}"#] {
            #expect(try harness.call(.put, "/admin/api/credits", json: bad).status == .badRequest, "\(bad)")
        }
        let usage = try #require(try harness.call(.get, "/admin/api/credits/usage").json?.arrayValue)
        #expect(usage.count == 2 && usage[0]["Credits used"] == 2.5 && usage[0]["Integration"] == "Claude, \"prod\"")
        let csv = try harness.call(.get, "/admin/api/credits/usage?format=csv")
        #expect(csv.headers["Content-Type"] == "text/csv; charset=utf-8")
        let lines = csv.bodyText.components(separatedBy: "\r\n")
        #expect(lines[0] == "Usage time,Feature type,Feature name,Usage action,Integration,User ID,Credits used,Usage breakdown,# of requests")
        #expect(lines[1] == #"2026-11-25T10:00:00Z,MCP server,ask_account,On demand,"Claude, ""prod""",3083149827637856052,2.5,"12 emails, 1 call",1"#)
        #expect(lines[2].contains(",'=HYPERLINK(1),"))
        #expect(try harness.call(.get, "/admin/api/credits/usage?format=xml").status == .badRequest)
    }

    @Test(arguments: [(0.0, "1970-01-01T00:00:00Z"), (1_790_000_000.5, "2026-09-21T14:13:20Z"), (951_782_400, "2000-02-29T00:00:00Z"),
                      (-86_401, "1969-12-30T23:59:59Z")])
    func timestamps(seconds: Double, text: String) {
        #expect(AdminFormat.timestamp(seconds) == text)
    }
}
