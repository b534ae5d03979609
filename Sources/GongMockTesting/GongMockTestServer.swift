import Essentials
import GongMock
import OAuth

/// gong-mock started inside a Swift test (issue #15 §5): the executable's own stack
/// (`GongMockServer`: middleware chain, router, test controls) on an ephemeral loopback port,
/// with typed helpers for what a test arranges (integrations, credits, faults, the clock,
/// reset). Stop it when the test ends (`stop()`, or let it go: `deinit` stops it and frees the port).
///
/// ```swift
/// import GongMockTesting
/// let mock = try GongMockTestServer(seed: .build { $0.integration("CI", redirectURIs: ["http://127.0.0.1/cb"],
///                                                                clientId: "ci-client", clientSecret: "ci-secret-0123456789") })
/// defer { mock.stop() }
/// // point the client under test at mock.mcpURL
/// ```
public final class GongMockTestServer: Sendable {
    public let server: GongMockServer
    public let application: GongMockApplication

    /// - Parameters:
    ///   - seed: the fixture (file, JSON, value or builder), as `--seed`.
    ///   - autoApprove: sign in as this user without a consent page (headless OAuth).
    ///   - options: any other switch `gong-mock serve` has (`options.seed` and `autoApproveEmail` are set from the arguments).
    public init(seed: GongMockSeed = .none, autoApprove: String? = "priya.raman@northwind-analytics.com",
                options: GongMockOptions = GongMockOptions(), logger: Logger = Logger(category: "gong-mock")) throws {
        var options = options
        if let loaded = try seed.load() { options.seed = loaded }
        if let autoApprove, options.seed?.autoApprove == nil { options.autoApproveEmail = autoApprove }
        server = try GongMockServer.start(options: options, logger: logger)
        guard let application = server.application else { throw GongMockStartupError("the application was not installed") }
        self.application = application
    }

    deinit { server.stop(gracePeriod: .zero) }

    /// Stops accepting and frees the port; in-flight requests are cut.
    public func stop() { server.stop(gracePeriod: .zero) }

    public var port: Int { server.port }
    /// `http://127.0.0.1:<port>`: the issuer and origin of every route.
    public var baseURL: String { application.baseURL }
    /// The MCP server URL to give the client under test.
    public var mcpURL: String { application.mcpURL }
    /// `Authorization: Bearer <adminToken>` opens `/admin/api/*` and `/_mock/*`.
    public var adminToken: String { application.adminAuth.apiToken }

    // MARK: Arranging

    /// Creates an MCP integration as the admin center would; the result carries its client id and secret.
    @discardableResult
    public func createIntegration(_ name: String, redirectURIs: [String], context: AuthorizationContext = .personal,
                                  registration: RegistrationType = .manual, scopes: [MCPScope] = MCPScope.allCases,
                                  clientId: String? = nil, clientSecret: String? = nil) throws -> MCPIntegration {
        try application.integrations.create(IntegrationDraft(name: name, authorizationContext: context, registrationType: registration,
                                                             redirectURIs: redirectURIs, scopes: scopes.map(\.rawValue),
                                                             clientId: clientId, clientSecret: clientSecret))
    }

    /// The company's credit pool now.
    public var credits: (balance: Double, total: Double) {
        let pool = application.ledger.pool
        return (pool.balance.credits, pool.total.credits)
    }

    /// Adds a fault (`kind` and its parameters, as `POST /_mock/faults` takes them); returns its id.
    /// Throws a `SeedError` naming the bad parameter.
    @discardableResult
    public func addFault(_ kind: FaultKind, _ parameters: [String: JSONValue] = [:]) throws -> String {
        var object = JSONObject(parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        object["kind"] = .string(kind.rawValue)
        return try application.faults.add(declaration: .object(object)).id
    }

    /// How often the fault fired so far.
    public func fired(_ faultID: String) -> Int { application.faults.fault(id: faultID)?.fired ?? 0 }

    /// Moves the virtual clock (negative moves back).
    public func advanceClock(by seconds: Double) { application.clock.advance(by: seconds) }

    /// Back to the seed: integrations, grants and tokens, MCP sessions, ledger, faults, clock.
    public func reset() throws { try application.state.reset() }

    /// Keeps the current state; `restore(_:)` brings it back.
    public func snapshot() throws -> String { try application.state.snapshot() }

    public func restore(_ id: String) throws { try application.state.restore(id: id) }
}
