import Essentials
import HTTPServer

/// The admin center as server-rendered HTML, usable without JavaScript (issue #3 §5): Admin
/// center → Settings → Ecosystem → MCP → MCP servers (New MCP server integration, view
/// credentials, edit, rotate secret, delete; help.gong.io 2026-10-15), Users, and Gong credits.
///
/// Sign-in: `GET /admin/login?token=<one-time token>` sets the session cookie (HttpOnly,
/// SameSite=Strict, Secure over TLS) and answers 303 → `/admin`. Every form POST carries the
/// session's CSRF token (missing or wrong → 403 page) and answers 303 (POST/redirect/GET);
/// validation errors re-render the form with the explanation and the entered values.
public struct AdminPages: Sendable {
    let integrations: IntegrationStore
    /// Read once per page: the edition in use (re-anchored by reset and restore).
    let company: CompanyStore
    let credits: any AdminCreditsProvider
    let auth: AdminAuth
    let clock: any ServerClock
    let logger: Logger
    let onIntegrationDeleted: AdminAPI.DeletionHook
    /// The MCP server URL the credentials page shows: from `--public-url` or the bound address,
    /// like the discovery documents, never from the request's `Host` header.
    let mcpURL: String
    let onSecretRotated: AdminAPI.RotationHook

    public init(integrations: IntegrationStore, company: CompanyStore, credits: any AdminCreditsProvider, auth: AdminAuth,
                clock: any ServerClock, logger: Logger, mcpURL: String = "http://127.0.0.1:7777/mcp",
                onIntegrationDeleted: @escaping AdminAPI.DeletionHook = { _, _ in },
                onSecretRotated: @escaping AdminAPI.RotationHook = { _ in }) {
        self.mcpURL = mcpURL
        self.onSecretRotated = onSecretRotated
        self.integrations = integrations
        self.company = company
        self.credits = credits
        self.auth = auth
        self.clock = clock
        self.logger = logger
        self.onIntegrationDeleted = onIntegrationDeleted
    }

    /// Admin center → Settings → Ecosystem → MCP → "MCP servers" (help.gong.io, 2026-10-15).
    static let integrationsPath = "/admin/settings/ecosystem/mcp"

    public func install(into router: inout Router) {
        let auth = self.auth
        router.get("/admin/login") { request, context in try login(request, context) }
        post(&router, "/admin/logout") { _, context, session, _ in
            auth.endSession(id: session.id)
            var response = HTTPResponse.redirect(to: "/admin/signed-out", status: .seeOther)
            response.headers.add("Set-Cookie", auth.clearedSessionCookie(secure: context.isSecure))
            return response
        }
        router.get("/admin/signed-out") { _, _ in
            AdminLayout.page(title: "Signed out", section: .none, crumbs: [("Admin center", "/admin")], session: nil,
                             body: "<div class=\"card\"><p>You are signed out. Open a new one-time login link to sign in again.</p></div>")
        }
        get(&router, "/admin") { _, _, session in home(session) }
        get(&router, "/admin/settings") { _, _, session in home(session) }
        installIntegrationPages(into: &router)
        installLegacyIntegrationRedirects(into: &router)
        installUserPages(into: &router)
        installCreditPages(into: &router)
        installNotFound(into: &router)
    }

    /// Paths people guess, answered with a redirect to the page they mean (issue #19 §3).
    static let aliases: [(path: String, target: String)] = [
        ("/admin/", "/admin"),
        ("/admin/credits", "/admin/settings/credits"),
        ("/admin/integrations", integrationsPath),
        ("/admin/settings/users", "/admin/users"),
    ]

    /// Aliases redirect; any other unknown path under /admin/ gets a 404 page in the admin layout
    /// with a way back, and under /admin/api/ the API's JSON 404.
    func installNotFound(into router: inout Router) {
        for alias in Self.aliases {
            router.get(alias.path) { _, _ in .redirect(to: alias.target, status: .found) }
        }
        let auth = self.auth
        router.fallback(under: "/admin/") { request, _ in
            let body = "<div class=\"card\"><p>There is no admin page at <code>\(HTML.escape(request.path))</code>.</p>"
                + "<p><a class=\"btn\" href=\"/admin\">Back to the admin center</a></p></div>"
            return AdminLayout.page(title: "Page not found", section: .none, crumbs: [], session: auth.session(for: request),
                                    body: body, status: .notFound)
        }
        router.fallback(under: "/admin/api/") { request, _ in
            throw AdminAPIError(.notFound, "not_found", "The admin API has no route for \(request.method.rawValue) \(request.path).")
        }
    }

    // MARK: Gates

    /// A GET page behind the session cookie.
    func get(_ router: inout Router, _ pattern: String,
             _ handler: @escaping @Sendable (HTTPRequest, RequestContext, AdminSession) throws -> HTTPResponse) {
        let auth = self.auth
        router.get(pattern) { request, context in
            guard let session = auth.session(for: request) else { throw AdminSignInChallenge() }
            return try handler(request, context, session)
        }
    }

    /// A form POST behind the session cookie and the CSRF token; the handler gets the form fields.
    func post(_ router: inout Router, _ pattern: String,
              _ handler: @escaping @Sendable (HTTPRequest, RequestContext, AdminSession, AdminForm) throws -> HTTPResponse) {
        let auth = self.auth
        let logger = self.logger
        router.post(pattern) { request, context in
            guard let session = auth.session(for: request) else { throw AdminSignInChallenge() }
            let form = AdminForm(URLEncodedForm.parse(request.body))
            guard auth.verifyCSRF(form.value("csrf"), session: session) else {
                logger.warning("admin form refused: CSRF token missing or wrong", [("path", request.path)])
                throw AdminPageError.csrfRejected
            }
            return try handler(request, context, session, form)
        }
    }

    // MARK: Pages

    func login(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        guard let token = request.queryValue("token"), let session = auth.redeemLoginToken(token) else {
            logger.warning("admin login refused: one-time token unknown or already used")
            throw AdminPageError.loginTokenRejected
        }
        logger.info("admin signed in", [("session", Redact.secret(session.id))])
        var response = HTTPResponse.redirect(to: "/admin", status: .seeOther)
        response.headers.add("Set-Cookie", auth.sessionCookie(session, secure: context.isSecure))
        response.headers.add("Cache-Control", "no-store")
        response.headers.add("Referrer-Policy", "no-referrer")
        return response
    }

    func home(_ session: AdminSession) -> HTTPResponse {
        let body = """
        <div class="tabs"><span class="on">Settings</span></div>
        <div class="card"><h2>Ecosystem</h2><p><a href="\(Self.integrationsPath)">MCP</a> — MCP servers tab: create and manage the MCP server integrations that let external AI agents query the Gong MCP server.</p></div>
        <div class="card"><h2>People</h2><p><a href="/admin/users">Users</a> — seats, teams and data-access permissions.</p></div>
        <div class="card"><h2>Reports</h2><p><a href="/admin/settings/credits">Gong credits</a> — remaining and total credits, credit-usage report.</p></div>
        """
        return AdminLayout.page(title: "Admin center", section: .home, crumbs: [("Admin center", nil)], session: session, body: body)
    }
}
