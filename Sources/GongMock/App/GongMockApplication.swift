import Essentials
import HTTPServer
import MCP
import OAuth

/// The composition root: loads the company, the state and the seed, then builds the OAuth
/// server, the MCP endpoint, the admin API and pages on one router (DESIGN.md §2: one origin
/// serves everything; the paths are Gong's).
public final class GongMockApplication: Sendable {
    public let baseURL: String
    public let mcpURL: String
    /// The whole stack: middleware chain (request log, CORS when on) around the router.
    public let responder: any HTTPResponder
    public let adminAuth: AdminAuth
    public let oauth: OAuthServer
    public let mcp: MCPEndpoint
    /// The company edition requests read; reset, restore and `PUT /_mock/state` re-anchor it.
    public let companyStore: CompanyStore
    /// The company edition in use now.
    public var company: CompanyData { companyStore.current }
    public let integrations: IntegrationStore
    public let ledger: CreditLedger
    public let clock: AdjustableClock
    /// The test controls' faults (issue #15); the seed's `faults` are added at start.
    public let faults: FaultPlane
    /// The aggregate behind reset, snapshot/restore and `/_mock/state`.
    public let state: MockStateStore
    /// Every request and response, redacted when read (`/_mock/journal`, `/admin/flows`).
    public let journal: Journal
    let logger: Logger
    let database: StateDatabase?
    /// `--rotation-revokes-tokens`: a secret rotation also revokes the integration's grants.
    let rotationRevokesTokens: Bool
    /// The tool catalog over the company edition in use.
    let toolCatalogs: CurrentToolCatalog

    public static let version = "0.1.0"
    static let scopes = MCPScope.allCases.map(\.rawValue)

    /// - Parameter baseURL: the URL the server is reachable at (after binding); `options.publicURL` wins.
    /// - Parameter company: the company data when already loaded (the server loads it on another
    ///   thread while the socket starts, to keep start-up short); loaded here when nil.
    /// - Parameter signingKey: a token signing key generated ahead on another thread, used when
    ///   the state holds none for the configured algorithm (see `PreparedSigningKey`).
    public init(options: GongMockOptions, baseURL boundURL: String, logger: Logger, clock: AdjustableClock = AdjustableClock(),
                company preloaded: CompanyData? = nil, signingKey: PreparedSigningKey? = nil) throws(GongMockStartupError) {
        let baseURL = Self.trimmedURL(options.publicURL ?? boundURL)
        self.baseURL = baseURL
        self.mcpURL = baseURL + "/mcp"
        self.clock = clock

        var stopwatch = StartupStopwatch(clock: SystemClock(), logger: logger)
        let seed = options.seed ?? SeedFile()
        var company: CompanyData
        if let preloaded {
            company = preloaded
        } else {
            // The clock start must hold before the company's relative times resolve against it.
            if let start = options.effectiveClockStart { ClockControl(clock: clock).set(to: start) }
            company = try Self.loadCompany(options: options, clock: clock)
            stopwatch.lap("company fixture")
        }
        do {
            database = try options.stateDirectory.map { directory throws(StateDatabaseError) in try StateDatabase(directory: directory) }
        } catch {
            throw GongMockStartupError(error.description)
        }
        let persisted = try Self.persistedSettings(database)
        // The seed's pinned anchor wins; else the one the last reset/restore/PUT left, so a restart keeps "days ago".
        if let anchor = seed.companyAnchor ?? persisted.companyAnchor { company = company.reanchored(to: anchor) }
        companyStore = CompanyStore(company, pinnedAnchor: seed.companyAnchor)

        do {
            let loaded = try database.map { db throws(StateDatabaseError) in (try db.loadIntegrations(), try db.loadRegisteredClients()) }
            integrations = IntegrationStore(clock: clock, persistence: database, logger: logger.scoped("integrations"),
                                            integrations: loaded?.0 ?? [], registeredClients: loaded?.1 ?? [],
                                            random: RandomSource(seed: options.randomSeed))
            // After a reset/restore/PUT, the database holds the whole state: the seed is not added again.
            if !persisted.replacedByControl { _ = try integrations.applySeed(seed.integrations) }
            try Self.applySeedClients(seed, to: integrations, persistent: database != nil)
        } catch let error as GongMockStartupError {
            throw error
        } catch let error as StateDatabaseError {
            throw GongMockStartupError(error.description)
        } catch {
            throw GongMockStartupError("seed integrations: \(error)")
        }

        stopwatch.lap("state, seed, integrations")
        ledger = try Self.makeLedger(database: database, seed: seed, company: company, clock: clock)

        stopwatch.lap("credit ledger")
        let store = integrations
        // One issuance order for the tokens the authorization server signs and the faults that expire them.
        let tokenIssuance = AccessTokenIssuance()
        faults = FaultPlane(clock: clock, logger: logger.scoped("faults"), tokenIssuance: tokenIssuance, integrationOfClient: { clientID in
            store.integration(clientId: clientID)?.id ?? store.registeredClient(clientId: clientID)?.integrationId
        })
        for spec in seed.faults { faults.add(spec) }
        let autoApprove = options.autoApproveEmail ?? (persisted.replacedByControl ? persisted.autoApprove : seed.autoApprove)
        if let autoApprove {
            guard let user = company.user(email: autoApprove) ?? company.user(id: autoApprove) else {
                throw GongMockStartupError("--auto-approve \(autoApprove): no user with that email or id in the company fixture")
            }
            guard user.mayUseMCPServer else {
                throw GongMockStartupError("--auto-approve \(autoApprove): \(user.name) cannot connect (\(user.active ? "Collaborator seat" : "deactivated")); pick a user with a paid seat")
            }
        }

        var oauthConfiguration = OAuthConfiguration(issuer: baseURL, resource: mcpURL, scopesSupported: Self.scopes)
        GongPreset.apply(to: &oauthConfiguration)
        oauthConfiguration.accessTokenTTL = options.tokenTTL
        oauthConfiguration.signingAlgorithm = options.signingAlgorithm
        oauthConfiguration.advertiseRegistration = options.advertiseRegistration
        oauthConfiguration.revocation = options.revocation
        oauthConfiguration.introspection = options.introspection
        oauthConfiguration.advertiseJWKSURI = options.advertiseJWKSURI
        oauthConfiguration.advertiseIssParameter = options.advertiseIssParameter
        oauthConfiguration.scopePolicy = options.scopePolicy
        oauthConfiguration.clientIDMetadataDocuments = options.clientIDMetadataDocuments
        oauthConfiguration.noneAuthMethod = options.noneAuthMethod
        oauthConfiguration.serveRootProtectedResourceMetadata = options.serveRootProtectedResourceMetadata
        oauthConfiguration.autoApproveSubject = autoApprove
        let toolCatalog = GongToolCatalog(data: company, clock: clock, toolset: options.toolset,
                                          requestIDSeed: options.randomSeed ?? UInt64.random(in: 0...UInt64.max))
        toolCatalogs = CurrentToolCatalog(company: companyStore, catalog: toolCatalog)
        oauthConfiguration.scopeDescriptions = Dictionary(uniqueKeysWithValues: MCPScope.allCases.map { ($0.rawValue, $0.title) })
        oauthConfiguration.scopeUnlocks = toolCatalog.toolNamesByScope(MCPScope.allCases.map(\.rawValue))
        oauthConfiguration.pageBrand = "gong · mock"

        var policy = GongOAuthPolicy(integrations: integrations, company: companyStore, catalog: oauthConfiguration.clientMetadataDocuments)
        policy.scopePolicy = options.scopePolicy
        let oauthStore: any OAuthStateStore = database.map { SQLiteOAuthStateStore(database: $0) } ?? InMemoryOAuthStateStore()
        do {
            oauth = try OAuthServer(configuration: oauthConfiguration, policy: policy, clock: clock,
                                    logger: logger.scoped("oauth"), store: oauthStore, preparedSigningKey: signingKey?.key,
                                    issuance: tokenIssuance)
        } catch {
            throw GongMockStartupError("authorization server: \(error)")
        }

        if !seed.oauthGrants.isEmpty {
            do throws(AdminAPIError) {
                try MockStateStore.checkGrantClients(seed.oauthGrants, integrations: integrations)
            } catch {
                throw GongMockStartupError("seed: \(error.message)")
            }
            oauth.replaceGrants(seed.oauthGrants)
        }
        let plane = faults
        oauth.setTokenHook { plane.tokenDecision($0) }
        stopwatch.lap("authorization server")
        let tools = GongMCPTools(catalogs: toolCatalogs, ledger: ledger, pricing: options.pricing,
                                 logger: logger.scoped("tools"), faults: faults)
        ledger.exhaustionMode = options.creditExhaustion ?? persisted.creditsExhausted.flatMap(CreditExhaustionMode.init(rawValue:))
            ?? seed.creditsExhausted ?? .toolError
        let oauthServer = oauth
        let authenticator = GongBearerAuthenticator(resourceMetadataURL: oauthConfiguration.protectedResourceMetadataURL,
                                                    style: options.challengeStyle, logger: logger.scoped("mcp.auth"), faults: faults,
                                                    toolScopes: Dictionary(toolCatalog.definitions.map { ($0.name, $0.requiredScope) }, uniquingKeysWith: { first, _ in first }),
                                                    verify: { oauthServer.verifyAccessToken($0) })
        let mcpConfiguration = MCPServerConfiguration(
            serverInfo: MCPImplementationInfo(name: "gong-mcp-server", version: Self.version, title: "Gong (gong-mock)"),
            instructions: Self.instructions(options.toolset),
            supportedVersions: options.protocolMode.versions,
            modernRequestRefusal: GongProtocolPolicy.refuseModernRequest,
            responseMode: options.responseMode,
            statefulSessions: options.statefulSessions,
            getStreamEnabled: options.getStreamEnabled,
            allowedOrigins: options.allowedOrigins,
            hostCheck: options.loopbackHostCheck ? .loopback(publicHosts: Self.hostAndPort(of: baseURL).map { [$0] } ?? []) : .disabled,
            resourceMetadataURL: oauthConfiguration.protectedResourceMetadataURL)
        do {
            mcp = try MCPEndpoint(configuration: mcpConfiguration, tools: tools.tools, authenticator: authenticator,
                                  clock: clock, logger: logger.scoped("mcp"))
        } catch {
            throw GongMockStartupError("MCP endpoint: \(error)")
        }

        stopwatch.lap("tools, MCP endpoint")
        do {
            let lifetime = AdminAuth.defaultSessionLifetime
            let sessions = try database?.loadAdminSessions(startedAfter: clock.now() - lifetime) ?? []
            adminAuth = AdminAuth(apiToken: seed.adminToken, loginToken: seed.adminLoginToken, clock: clock, sessionLifetime: lifetime,
                                  persistence: database, sessions: sessions)
        } catch {
            throw GongMockStartupError(error.description)
        }
        rotationRevokesTokens = options.rotationRevokesTokens
        self.logger = logger
        journal = try Journal(configuration: options.journal) { clientID in
            if let integration = store.integration(clientId: clientID) { return (integration.id, integration.name) }
            guard let registered = store.registeredClient(clientId: clientID), let integration = store.get(id: registered.integrationId) else { return nil }
            return (integration.id, integration.name)
        }
        state = MockStateStore(integrations: integrations, oauth: oauth, sessions: mcp.sessions, ledger: ledger, admin: adminAuth,
                               faults: faults, journal: journal, clock: clock, company: companyStore, database: database,
                               logger: logger.scoped("controls"))
        // The routes need a finished `self`; the chain around them is fixed now (see `makeRouter`).
        // The fault plane's HTTP hook runs innermost, so CORS and the log see what it answers.
        let routes = ReplaceableResponder(startingMessage: GongPreset.startingMessage)
        let faultHook = FaultMiddleware(plane: faults, paths: oauthConfiguration.paths, baseURL: baseURL)
        responder = MiddlewareChain(Self.middleware(options: options, logger: logger, journal: journal, clock: clock) + [faultHook], responder: routes)
        routes.install(makeRouter())
        try markInitialState(seed: seed, options: options)
        stopwatch.lap("admin, routes")
    }

    /// Builds what only tool calls need (search indexes, tool engines) on the calling thread; the
    /// server runs it in the background once it answers. Without it the first tool call builds
    /// them; calls arriving while a build runs wait for it.
    public func prepareForToolCalls() { toolCatalogs.catalog.prepare() }

    /// Surface the admin one-time login link, as the banner prints it.
    public var adminLoginURL: String { adminAuth.loginURL(baseURL: baseURL) }

    static func instructions(_ toolset: GongToolset) -> String {
        let research = toolset == .november2026
            ? "research_conversations answers one question across many conversations; search_conversations lists matching calls and emails without analysing them (no credits). "
            : ""
        return """
            Gong MCP server (gong-mock, an offline emulation). Tools: ask_account and ask_deal answer a \
            natural-language question about one CRM account or deal from its calls and emails; \
            generate_brief builds a published AI Briefer brief for an account, deal or contact. \
            \(research)Every analysing call spends Gong credits according to the calls and emails analysed; \
            prefer narrow time periods (LAST_30DAYS, THIS_QUARTER).
            """
    }

    /// The company fixture `options` names (`--fixtures DIR`, else the built-in one).
    public static func loadCompany(options: GongMockOptions, clock: any ServerClock) throws(GongMockStartupError) -> CompanyData {
        do {
            return try options.fixturesDirectory.map { directory throws(CompanyFixtureError) in
                try CompanyData.load(directory: directory, clock: clock)
            } ?? CompanyData.bundled(clock: clock)
        } catch {
            throw GongMockStartupError("company fixture: \(error)")
        }
    }

    static func makeLedger(database: StateDatabase?, seed: SeedFile, company: CompanyData, clock: any ServerClock) throws(GongMockStartupError) -> CreditLedger {
        let seeded = seed.credits.map { (balance: CreditAmount(credits: $0.balance), total: CreditAmount(credits: $0.total)) }
        let fallback = CreditLedger.defaultPool(for: company)
        guard let database else {
            return CreditLedger(total: seeded?.total ?? fallback, balance: seeded?.balance ?? fallback, clock: clock)
        }
        do {
            let stored = try database.loadCreditBalance()
            let total = stored.map { CreditAmount(credits: $0.total) } ?? seeded?.total ?? fallback
            let balance = stored.map { CreditAmount(credits: $0.balance) } ?? seeded?.balance ?? fallback
            let journal = try StateCreditJournal(database: database, total: total.credits)
            if stored == nil { try database.saveCreditBalance(balance: balance.credits, total: total.credits) }
            return CreditLedger(total: total, balance: balance, nextSequence: try journal.nextSequence(), clock: clock, journal: journal)
        } catch {
            throw GongMockStartupError(error.description)
        }
    }

    /// `host:port` (or `host`) of an absolute URL, for the Host check.
    static func hostAndPort(of url: String) -> String? {
        let parts = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0].hasSuffix(":"), parts[1].isEmpty else { return nil }
        let rest = parts[2]
        let authority = String(rest)
        return authority.isEmpty ? nil : authority
    }

    static func trimmedURL(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}

/// Why the mock refused to start; one line, printed as is before exiting with status 2.
public struct GongMockStartupError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
