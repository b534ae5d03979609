import Essentials
import HTTPServer
import Synchronization

/// Who may use the admin center.
///
/// - Scripts: `Authorization: Bearer <apiToken>` (RFC 6750 §2.1) on `/admin/api/...`; the token is
///   long-lived, generated at start or fixed by the seed (`adminToken`).
/// - Browsers: a one-time login token (printed in the banner as `/admin/login?token=…`, or fixed
///   by the seed's `adminLoginToken`) is exchanged, once, for a session cookie that is HttpOnly,
///   SameSite=Strict, and Secure over TLS. Each session has its own CSRF token.
///
/// Tokens are compared in constant time and never logged.
public final class AdminAuth: Sendable {
    public static let sessionCookieName = "gong_mock_admin"
    /// Sessions end after this many seconds (server clock).
    public let sessionLifetime: Double
    public let apiToken: String
    /// The login token generated (or fixed) at start, for the banner. Single use.
    public let initialLoginToken: String

    struct State: Sendable {
        var loginTokens: Set<String>
        var sessions: [String: AdminSession] = [:]
    }

    let state: Mutex<State>
    private let clock: any ServerClock

    public init(apiToken: String? = nil, loginToken: String? = nil, clock: any ServerClock, sessionLifetime: Double = 12 * 3600) {
        self.apiToken = apiToken ?? CredentialGenerator.token()
        let login = loginToken ?? CredentialGenerator.token()
        initialLoginToken = login
        self.clock = clock
        self.sessionLifetime = sessionLifetime
        state = Mutex(State(loginTokens: [login]))
    }

    /// `<baseURL>/admin/login?token=<initialLoginToken>`.
    public func loginURL(baseURL: String) -> String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/admin/login?token=" + URLEncodedForm.percentEncode(initialLoginToken)
    }

    /// A fresh one-time login token (e.g. for `/_mock` controls or a second browser).
    public func issueLoginToken() -> String {
        let token = CredentialGenerator.token()
        state.withLock { _ = $0.loginTokens.insert(token) }
        return token
    }

    /// Consumes a login token and opens a session; nil if the token is unknown or already used.
    public func redeemLoginToken(_ token: String) -> AdminSession? {
        let now = clock.now()
        return state.withLock { state -> AdminSession? in
            guard let match = state.loginTokens.first(where: { Self.constantTimeEquals($0, token) }) else { return nil }
            state.loginTokens.remove(match)
            let session = AdminSession(id: CredentialGenerator.token(), csrfToken: CredentialGenerator.token(), createdAt: now)
            state.sessions[session.id] = session
            return session
        }
    }

    /// The session named by the request's cookie, if it exists and has not expired.
    public func session(for request: HTTPRequest) -> AdminSession? {
        guard let id = Cookies.value(Self.sessionCookieName, in: request.headers), !id.isEmpty else { return nil }
        let now = clock.now()
        return state.withLock { state -> AdminSession? in
            guard let session = state.sessions[id] else { return nil }
            if now - session.createdAt > sessionLifetime {
                state.sessions[id] = nil
                return nil
            }
            return session
        }
    }

    public func endSession(id: String) { state.withLock { $0.sessions[id] = nil } }

    /// Whether the request carries `Authorization: Bearer <apiToken>`.
    public func authorizesAPI(_ request: HTTPRequest) -> Bool {
        guard let header = request.headers["Authorization"] else { return false }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        return Self.constantTimeEquals(parts[1].trimmingHTTPWhitespace(), apiToken)
    }

    /// Whether a submitted CSRF token belongs to the session.
    public func verifyCSRF(_ token: String?, session: AdminSession) -> Bool {
        guard let token else { return false }
        return Self.constantTimeEquals(token, session.csrfToken)
    }

    /// `Set-Cookie` for a new session: HttpOnly, SameSite=Strict, Secure when served over TLS.
    public func sessionCookie(_ session: AdminSession, secure: Bool) -> String {
        Cookies.setCookie(name: Self.sessionCookieName, value: session.id, path: "/admin", maxAge: Int(sessionLifetime), secure: secure)
    }

    public func clearedSessionCookie(secure: Bool) -> String {
        Cookies.setCookie(name: Self.sessionCookieName, value: "", path: "/admin", maxAge: 0, secure: secure)
    }

    /// Compares without an early exit, so timing does not reveal how much of a token matched.
    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= x ^ y
        }
        return difference == 0 && a.count == b.count
    }
}
