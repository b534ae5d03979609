import Essentials
import HTTPServer
import Synchronization
@testable import GongMock

/// An in-memory credit pool for admin tests.
final class StubCredits: AdminCreditsProvider {
    private let state = Mutex<(balance: Double, total: Double)>((500, 1000))
    let rows: [[JSONValue]]

    init(rows: [[JSONValue]] = []) { self.rows = rows }

    var creditBalance: Double { state.withLock { $0.balance } }
    var creditTotal: Double { state.withLock { $0.total } }
    func setCredits(balance: Double, total: Double) throws(CreditAdjustmentError) { state.withLock { $0 = (balance, total) } }
    func creditUsageReport() -> CreditUsageReport { CreditUsageReport(rows: rows) }
}

final class DeletionRecorder: Sendable {
    let ids = Mutex<[String]>([])
}

/// The admin API and pages on one router, as the integrator will mount them.
final class AdminHarness {
    static let token = "test-admin-token-0123456789"
    /// Built once: indexing the bundled fixture is the slow part.
    static let company = Result { () throws(CompanyFixtureError) -> CompanyData in try CompanyData.bundled(clock: ManualClock()) }
    let clock = ManualClock()
    let store: IntegrationStore
    let auth: AdminAuth
    let credits: StubCredits
    let router: Router
    let deleted: DeletionRecorder

    init() throws {
        store = IntegrationStore(clock: clock)
        auth = AdminAuth(apiToken: Self.token, loginToken: "test-login-token-0123456789", clock: clock)
        credits = StubCredits(rows: [["2026-11-25T10:00:00Z", "MCP server", "ask_account", "On demand", "Claude, \"prod\"", "3083149827637856052", 2.5, "12 emails, 1 call", 1],
                                     ["2026-11-25T11:00:00Z", "MCP server", "generate_brief", "On demand", "=HYPERLINK(1)", "3083149827637856052", 7, "", 1]])
        let company = CompanyStore(try Self.company.get())
        let deleted = DeletionRecorder()
        self.deleted = deleted
        let hook: AdminAPI.DeletionHook = { integration, _ in deleted.ids.withLock { $0.append(integration.id) } }
        var router = Router()
        AdminAPI(integrations: store, company: company, credits: credits, auth: auth, clock: clock, logger: Logger(category: "admin"),
                 onIntegrationDeleted: hook).install(into: &router)
        AdminPages(integrations: store, company: company, credits: credits, auth: auth, clock: clock, logger: Logger(category: "admin"),
                   onIntegrationDeleted: hook).install(into: &router)
        self.router = router
    }

    func call(_ method: HTTPMethod, _ target: String, json: String? = nil, token: String? = AdminHarness.token,
              headers extra: [(String, String)] = []) throws -> HTTPResponse {
        var headers = HTTPHeaders(extra)
        if let token { headers.add("Authorization", "Bearer \(token)") }
        if json != nil { headers.add("Content-Type", "application/json") }
        return try router.respond(to: HTTPRequest(method: method, target: target, headers: headers, body: Array((json ?? "").utf8)),
                                  context: RequestContext())
    }
}

extension HTTPResponse {
    var bodyBytes: [UInt8] {
        if case .bytes(let bytes) = body { return bytes }
        return []
    }
    var bodyText: String { String(decoding: bodyBytes, as: UTF8.self) }
    var json: JSONValue? { try? JSONParser.parse(bodyBytes) }
}
