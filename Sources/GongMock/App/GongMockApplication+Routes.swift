import Essentials
import HTTPServer
import MCP

extension GongMockApplication {
    /// The middleware every request passes, outermost first: with `--trust-proxy` the proxy's
    /// X-Forwarded-* (so the log, the journal and every check see the proxy's view of the
    /// request), the request log (paths only, never queries: they may carry codes), the journal
    /// (it sees the final response, CORS preflights included), then CORS when `--cors` is on
    /// (the one CORS implementation, for every route).
    static func middleware(options: GongMockOptions, logger: Logger, journal: Journal, clock: any ServerClock) -> [any HTTPMiddleware] {
        var chain: [any HTTPMiddleware] = options.trustProxy ? [ForwardedHeadersMiddleware()] : []
        chain.append(RequestLoggingMiddleware(logger: logger.scoped("request"), level: .debug))
        if journal.isEnabled { chain.append(JournalMiddleware(journal: journal, clock: clock)) }
        if options.cors {
            chain.append(CORSMiddleware(
                allowedOrigins: .any,
                allowedHeaders: ["Authorization", "Content-Type", "Accept", "Mcp-Session-Id", "MCP-Protocol-Version", "Last-Event-ID", "Mcp-Method", "Mcp-Name"],
                exposedHeaders: ["Mcp-Session-Id", "WWW-Authenticate", "MCP-Protocol-Version", "Location"]))
        }
        return chain
    }

    /// One router for everything (DESIGN.md §2: one origin serves Gong's paths and the mock's).
    func makeRouter() -> Router {
        let oauthServer = oauth
        let logger = self.logger
        let onDeleted: AdminAPI.DeletionHook = { integration, clients in
            let clientIDs = Set([integration.clientId] + clients.map(\.clientId))
            let revoked = oauthServer.revokeGrants(reason: "MCP integration '\(integration.name)' was deleted") { clientIDs.contains($0.clientID) }
            logger.notice("integration deleted; its tokens stop working", [("integration", integration.name), ("grantsRevoked", String(revoked))])
        }
        let revokeOnRotation = rotationRevokesTokens
        let integrations = self.integrations
        let onRotated: AdminAPI.RotationHook = { integration in
            guard revokeOnRotation else { return }
            let clientIDs = Set([integration.clientId] + integrations.registeredClients(integrationId: integration.id).map(\.clientId))
            let revoked = oauthServer.revokeGrants(reason: "the client secret of MCP integration '\(integration.name)' was rotated") { clientIDs.contains($0.clientID) }
            logger.notice("secret rotated; the integration's tokens were revoked (--rotation-revokes-tokens)",
                          [("integration", integration.name), ("grantsRevoked", String(revoked))])
        }
        var router = Router()
        router.get("/healthz", Self.health)
        oauth.install(into: &router)
        let toolCatalogs = self.toolCatalogs
        let endpoint = ToolWarmUpResponder(mcp) { toolCatalogs.catalog.prepare() }
        for method in [HTTPMethod.post, .get, .delete, .options] { router.add(method, "/mcp", endpoint) }
        AdminAPI(integrations: integrations, company: companyStore, credits: ledger, auth: adminAuth, clock: clock,
                 logger: logger.scoped("admin"), onIntegrationDeleted: onDeleted, onSecretRotated: onRotated).install(into: &router)
        AdminPages(integrations: integrations, company: companyStore, credits: ledger, auth: adminAuth, clock: clock,
                   logger: logger.scoped("admin"), mcpURL: mcpURL, onIntegrationDeleted: onDeleted,
                   onSecretRotated: onRotated).install(into: &router)
        let mcpURL = self.mcpURL
        let verdicts: @Sendable () -> VerdictContext = { Self.verdictContext(oauth: oauthServer, mcpURL: mcpURL) }
        AdminFlowsPage(auth: adminAuth, journal: journal, context: verdicts, baseURL: baseURL).install(into: &router)
        var controls = MockControlRoutes(auth: adminAuth)
        installControlRoutes(into: &controls)
        controls.install(into: &router)
        let unexpected = logger.scoped("http")
        router.onUnexpectedError = { error, request in
            unexpected.error("unexpected error", [("method", request.method.rawValue), ("path", request.path), ("error", "\(error)")])
            return .text("Internal Server Error: \(error)\n", status: .internalServerError)
        }
        return router
    }

    /// Refusals the HTTP server core made below the responder (see `HTTPServerObserver`).
    func serverRefused(_ refusal: HTTPRefusal) { journal.record(refusal, time: clock.now()) }
}
