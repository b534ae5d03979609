import Essentials
import HTTPServer

/// The admin center as a JSON API for scripts (issue #3 §4), under `/admin/api/`. Every route
/// needs `Authorization: Bearer <admin token>` (else 401); errors are
/// `{"error": "<code>", "message": "<human text>"}` (`AdminAPIError`); unknown id → 404.
///
/// | route | answer |
/// |---|---|
/// | `GET /admin/api/integrations` | 200, array of integrations (secret masked) |
/// | `POST /admin/api/integrations` | 201, the integration with `clientSecret` in full |
/// | `GET /admin/api/integrations/{id}` | 200 (secret masked) |
/// | `GET /admin/api/integrations/{id}/credentials` | 200 `{"clientId","clientSecret"}` |
/// | `PATCH /admin/api/integrations/{id}` | 200; name, redirectURIs, scopes, chatGPTDynamicRedirect |
/// | `POST /admin/api/integrations/{id}/rotate-secret` | 200, with the new secret in full |
/// | `DELETE /admin/api/integrations/{id}` | 204; `onIntegrationDeleted` runs |
/// | `GET /admin/api/integrations/{id}/clients` | 200, DCR clients registered under it |
/// | `GET /admin/api/client-presets` | 200, known clients and their redirect URIs |
/// | `GET /admin/api/users`, `accounts`, `deals`, `contacts`, `briefs` | 200, arrays with `id`s |
/// | `GET /admin/api/credits` / `PUT` `{"balance": n[, "total": n]}` | 200 `{"balance","total"}` |
/// | `GET /admin/api/credits/usage[?format=csv]` | 200, array of rows keyed by Gong's columns, or text/csv |
public struct AdminAPI: Sendable {
    public typealias DeletionHook = @Sendable (_ integration: MCPIntegration, _ registeredClients: [RegisteredClient]) -> Void
    /// Called after an integration's client secret was rotated (`--rotation-revokes-tokens` revokes its grants here).
    public typealias RotationHook = @Sendable (_ integration: MCPIntegration) -> Void

    let integrations: IntegrationStore
    /// Read once per request: the edition in use (re-anchored by reset and restore).
    let company: CompanyStore
    let credits: any AdminCreditsProvider
    let auth: AdminAuth
    let clock: any ServerClock
    let logger: Logger
    let onIntegrationDeleted: DeletionHook
    let onSecretRotated: RotationHook

    /// - Parameter onIntegrationDeleted: runs after an integration (and the clients registered
    ///   under it) was deleted, by the API or the admin pages; the integrator revokes their tokens there.
    public init(integrations: IntegrationStore, company: CompanyStore, credits: any AdminCreditsProvider, auth: AdminAuth,
                clock: any ServerClock, logger: Logger, onIntegrationDeleted: @escaping DeletionHook = { _, _ in },
                onSecretRotated: @escaping RotationHook = { _ in }) {
        self.onSecretRotated = onSecretRotated
        self.integrations = integrations
        self.company = company
        self.credits = credits
        self.auth = auth
        self.clock = clock
        self.logger = logger
        self.onIntegrationDeleted = onIntegrationDeleted
    }

    public func install(into router: inout Router) {
        route(&router, .get, "/admin/api/integrations", listIntegrations)
        route(&router, .post, "/admin/api/integrations", createIntegration)
        route(&router, .get, "/admin/api/integrations/{id}", getIntegration)
        route(&router, .patch, "/admin/api/integrations/{id}", patchIntegration)
        route(&router, .delete, "/admin/api/integrations/{id}", deleteIntegration)
        route(&router, .get, "/admin/api/integrations/{id}/credentials", credentials)
        route(&router, .post, "/admin/api/integrations/{id}/rotate-secret", rotateSecret)
        route(&router, .get, "/admin/api/integrations/{id}/clients", registeredClients)
        route(&router, .get, "/admin/api/client-presets") { _, _ throws(AdminAPIError) in Self.presets() }
        route(&router, .get, "/admin/api/users") { _, _ throws(AdminAPIError) in ok(.array(company.current.users.map(AdminFormat.user))) }
        route(&router, .get, "/admin/api/accounts") { _, _ throws(AdminAPIError) in ok(.array(company.current.accounts.map(AdminFormat.account))) }
        route(&router, .get, "/admin/api/deals") { _, _ throws(AdminAPIError) in ok(.array(company.current.deals.map(AdminFormat.deal))) }
        route(&router, .get, "/admin/api/contacts") { _, _ throws(AdminAPIError) in ok(.array(company.current.contacts.map(AdminFormat.contact))) }
        route(&router, .get, "/admin/api/briefs") { _, _ throws(AdminAPIError) in ok(.array(company.current.briefs.map(AdminFormat.brief))) }
        route(&router, .get, "/admin/api/credits") { _, _ throws(AdminAPIError) in creditsSnapshot() }
        route(&router, .put, "/admin/api/credits", putCredits)
        route(&router, .get, "/admin/api/credits/usage", creditUsage)
    }

    /// Adds a route behind the Bearer check; handler errors render as `AdminAPIError`.
    private func route(_ router: inout Router, _ method: HTTPMethod, _ pattern: String,
                       _ handler: @escaping @Sendable (HTTPRequest, RequestContext) throws(AdminAPIError) -> HTTPResponse) {
        let auth = self.auth
        router.add(method, pattern) { request, context in
            guard auth.authorizesAPI(request) else { throw AdminAPIError.unauthorized }
            return try handler(request, context)
        }
    }

    func ok(_ value: JSONValue, status: HTTPStatus = .ok) -> HTTPResponse {
        .json(JSONSerializer.bytes(value), status: status, headers: ["Cache-Control": "no-store"])
    }

    static func presets() -> HTTPResponse {
        let list: [JSONValue] = ClientPreset.all.map { preset in
            ["id": .string(preset.id), "name": .string(preset.name), "redirectURIs": .array(preset.redirectURIs.map(JSONValue.string)),
             "chatGPTDynamicRedirect": .bool(preset.enablesChatGPTDynamic), "note": .string(preset.note),
             "source": .string(preset.source)]
        }
        return .json(JSONSerializer.bytes(.array(list)), headers: ["Cache-Control": "no-store"])
    }
}
