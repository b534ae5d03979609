import Essentials
import HTTPServer
import MCP
import OAuth
import Synchronization
import Testing
@testable import GongMock

/// The composition seam: the live server runs the application's own stack (CORS, the `/_mock`
/// gate), and every layer's outcome is readable after `next`.
@Suite struct GongMockServerTests {
    static func options(cors: Bool = false) throws -> GongMockOptions {
        var options = GongMockOptions()
        options.seed = try SeedFile.parse(Array(GongMockHarness.defaultSeed.utf8), fileName: "seed.json")
        options.cors = cors
        return options
    }

    @Test func refreshLifetimeAndGrantRetentionReachTheAuthorizationServer() throws {
        var options = try Self.options()
        options.refreshTokenTTL = 7_200
        options.grantRetention = 600
        let server = try GongMockServer.start(options: options)
        defer { server.stop(gracePeriod: .zero) }
        let configuration = try #require(server.application?.oauth.configuration)
        #expect(configuration.refreshTokenTTL == 7_200 && configuration.endedGrantRetention == 600)
        let defaults = try GongMockServer.start(options: Self.options())
        defer { defaults.stop(gracePeriod: .zero) }
        #expect(defaults.application?.oauth.configuration.refreshTokenTTL == nil)
        #expect(defaults.application?.oauth.configuration.endedGrantRetention == 86_400)
    }

    @Test func servesTheStackOnAnEphemeralPort() throws {
        let server = try GongMockServer.start(options: Self.options(cors: true))
        defer { server.stop(gracePeriod: .zero) }
        #expect(server.port > 0)
        #expect(server.baseURL() == "http://127.0.0.1:\(server.port)")
        #expect(server.application?.mcpURL == "http://127.0.0.1:\(server.port)/mcp")
        let client = LoopbackHTTPClient(port: server.port)
        #expect(try client.send("GET", "/healthz").status == 200)

        // One CORS implementation, the middleware's, answers the MCP endpoint's preflight.
        let preflight = try client.send("OPTIONS", "/mcp", headers: [("Origin", "http://localhost:6274"), ("Access-Control-Request-Method", "POST")])
        #expect(preflight.status == 204)
        #expect(preflight.header("Access-Control-Allow-Origin") == "*")
        #expect(preflight.header("Access-Control-Allow-Headers")?.contains("Mcp-Session-Id") == true)
        let refused = try client.send("POST", "/mcp", headers: [("Origin", "http://localhost:6274"), ("Content-Type", "application/json")], body: "{}")
        #expect(refused.status == 401)
        #expect(refused.header("Access-Control-Expose-Headers")?.contains("WWW-Authenticate") == true)
    }

    @Test func mockRoutesNeedTheAdminToken() throws {
        let server = try GongMockServer.start(options: Self.options())
        defer { server.stop(gracePeriod: .zero) }
        let client = LoopbackHTTPClient(port: server.port)
        let anonymous = try client.send("GET", "/_mock/no-such-control")
        #expect(anonymous.status == 401)
        #expect(anonymous.header("WWW-Authenticate") == #"Bearer realm="gong-mock-admin""#)
        #expect(anonymous.body.contains("Authorization: Bearer <admin token>"))
        let wrong = try client.send("GET", "/_mock/no-such-control", headers: [("Authorization", "Bearer nope")])
        #expect(wrong.status == 401)
        let known = try client.send("GET", "/_mock/no-such-control", headers: [("Authorization", "Bearer test-admin-token")])
        #expect(known.status == 404)
        #expect(known.body.contains("No control route GET /_mock/no-such-control"))
    }

    @Test func controlRoutesAddedToTheGroupAreGated() throws {
        var controls = MockControlRoutes(auth: AdminAuth(apiToken: "t0k", clock: AdjustableClock()))
        controls.get("ping") { _, _ in .text("pong") }
        var router = Router()
        controls.install(into: &router)
        #expect(controls.patterns == ["/_mock/ping"])
        #expect(try router.respond(to: HTTPRequest(method: .get, target: "/_mock/ping"), context: RequestContext()).status.code == 401)
        let allowed = try router.respond(to: HTTPRequest(method: .get, target: "/_mock/ping", headers: ["Authorization": "Bearer t0k"]), context: RequestContext())
        #expect(allowed.status.code == 200)
    }

    /// Keeps the contexts the inner stack filled in.
    final class Probe: HTTPMiddleware {
        let seen = Mutex<[RequestContext]>([])
        func handle(_ request: HTTPRequest, context: RequestContext, next: any HTTPResponder) throws -> HTTPResponse {
            defer { seen.withLock { $0.append(context) } }
            return try next.respond(to: request, context: context)
        }
    }

    @Test func layersRecordClientDecisionToolAndCredits() throws {
        let harness = try GongMockHarness()
        let probe = Probe()
        let stack = MiddlewareChain([probe], responder: harness.app.responder)
        let probed = GongMockHarness(app: harness.app, responder: stack)
        let token = probed.accessToken()
        let (response, _) = probed.callTool(token, "ask_account", ["accountId": .string(GongMockHarness.altamira), "question": "What are the risks?", "timePeriod": "ALL_CONVERSATIONS"])
        #expect(response.status.code == 200)
        let contexts = probe.seen.withLock { $0 }
        let tokenRequest = try #require(contexts.first { $0.routePattern == "/oauth2/generate-mcp-token" })
        let oauth = try #require(tokenRequest.outcome[OAuthRequestOutcome.self])
        #expect(oauth.clientID == GongMockHarness.ciClientID)
        #expect(oauth.decisions.first?.requestID == tokenRequest.requestID)
        #expect(oauth.refusal == nil)
        let call = try #require(contexts.last)
        let mcp = try #require(call.outcome[MCPRequestOutcome.self])
        #expect(call.routePattern == "/mcp")
        #expect(mcp.rpcMethod == "tools/call")
        #expect(mcp.tool == "ask_account")
        #expect(mcp.principal?.clientID == GongMockHarness.ciClientID)
        #expect(mcp.sessionID != nil)
        #expect((call.outcome[GongRequestOutcome.self]?.creditsCharged ?? 0) > 0)
        let initialize = try #require(contexts.first { $0.outcome[MCPRequestOutcome.self]?.rpcMethod == "initialize" })
        #expect(initialize.outcome[MCPRequestOutcome.self]?.sessionIssued == true)

        let unknown = probed.mcp(token, method: "no/such")
        #expect(unknown.status.code == 200)
        #expect(probe.seen.withLock { $0.last?.outcome[MCPRequestOutcome.self]?.errorCode } == JSONRPCErrorObject.methodNotFoundCode)
    }
}
