import HTTPServer

extension AdminPages {
    /// Where MCP integrations lived until Gong moved them (help.gong.io "Create an integration to
    /// connect to the MCP server", updated 2026-10-15: Admin center → Settings → Ecosystem → MCP →
    /// "MCP servers" tab, was Ecosystem → API → Integrations).
    static let legacyIntegrationsPath = "/admin/settings/api/integrations"

    /// The old path and everything under it answer 301 to the same place under the new path
    /// (query kept), so bookmarks and scripts keep working; a POST gets 308 so its form survives.
    func installLegacyIntegrationRedirects(into router: inout Router) {
        let old = Self.legacyIntegrationsPath
        for pattern in [old, old + "/*"] {
            router.get(pattern) { request, _ in Self.movedIntegrationsResponse(request, status: .movedPermanently) }
            router.post(pattern) { request, _ in Self.movedIntegrationsResponse(request, status: .permanentRedirect) }
        }
    }

    static func movedIntegrationsResponse(_ request: HTTPRequest, status: HTTPStatus) -> HTTPResponse {
        let rest = request.target.dropFirst(legacyIntegrationsPath.count)
        var response = HTTPResponse.redirect(to: integrationsPath + rest, status: status)
        response.headers.add("Cache-Control", "no-store")
        return response
    }
}
