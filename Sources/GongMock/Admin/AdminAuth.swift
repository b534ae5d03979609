import CryptoPrimitives
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
/// Tokens are compared in constant time (`ConstantTime.equals`, CRYPTO_memcmp) and never logged.
/// With `--state-dir` sessions survive a restart: the store keeps a session's SHA-256 (never the
/// cookie value itself), its CSRF token and its start time.
public final class AdminAuth: Sendable {
    public static let sessionCookieName = "gong_mock_admin"
    /// Twelve hours, like a working day's sign-in.
    public static let defaultSessionLifetime: Double = 12 * 3600
    /// Sessions end after this many seconds (server clock).
    public let sessionLifetime: Double
    public let apiToken: String
    /// The login token generated (or fixed) at start, for the banner. Single use.
    public let initialLoginToken: String

    struct State: Sendable {
        var loginTokens: Set<String>
        /// By the SHA-256 (hex) of the session id, as persisted.
        var sessions: [String: StoredAdminSession] = [:]
    }

    let state: Mutex<State>
    private let clock: any ServerClock
    private let persistence: (any AdminSessionPersistence)?

    public init(apiToken: String? = nil, loginToken: String? = nil, clock: any ServerClock, sessionLifetime: Double = AdminAuth.defaultSessionLifetime,
                persistence: (any AdminSessionPersistence)? = nil, sessions: [StoredAdminSession] = []) {
        self.apiToken = apiToken ?? CredentialGenerator.token()
        let login = loginToken ?? CredentialGenerator.token()
        initialLoginToken = login
        self.clock = clock
        self.sessionLifetime = sessionLifetime
        self.persistence = persistence
        var initial = State(loginTokens: [login])
        for session in sessions { initial.sessions[session.idHash] = session }
        state = Mutex(initial)
    }

    /// The key a session is stored under: its id is a bearer secret, so only a hash is kept.
    static func idHash(_ id: String) -> String { SHA256.hex(SHA256.hash(id)) }

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
            guard let match = state.loginTokens.first(where: { ConstantTime.equals($0, token) }) else { return nil }
            let session = AdminSession(id: CredentialGenerator.token(), csrfToken: CredentialGenerator.token(), createdAt: now)
            let stored = StoredAdminSession(idHash: Self.idHash(session.id), csrfToken: session.csrfToken, createdAt: now)
            do {
                try persistence?.saveAdminSession(stored)
            } catch {
                return nil
            }
            state.loginTokens.remove(match)
            state.sessions[stored.idHash] = stored
            return session
        }
    }

    /// The session named by the request's cookie, if it exists and has not expired.
    public func session(for request: HTTPRequest) -> AdminSession? {
        guard let id = Cookies.value(Self.sessionCookieName, in: request.headers), !id.isEmpty else { return nil }
        let now = clock.now()
        let key = Self.idHash(id)
        return state.withLock { state -> AdminSession? in
            guard let stored = state.sessions[key] else { return nil }
            if now - stored.createdAt > sessionLifetime {
                state.sessions[key] = nil
                // A stored row that outlives its deletion is refused again by this same expiry check.
                try? persistence?.deleteAdminSession(idHash: key)
                return nil
            }
            return AdminSession(id: id, csrfToken: stored.csrfToken, createdAt: stored.createdAt)
        }
    }

    public func endSession(id: String) {
        let key = Self.idHash(id)
        state.withLock { state in
            state.sessions[key] = nil
            // Signing out must not fail on a storage error; the row then expires with its lifetime.
            try? persistence?.deleteAdminSession(idHash: key)
        }
    }

    /// Whether the request carries `Authorization: Bearer <apiToken>`.
    public func authorizesAPI(_ request: HTTPRequest) -> Bool {
        guard let header = request.headers["Authorization"] else { return false }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        return ConstantTime.equals(parts[1].trimmingHTTPWhitespace(), apiToken)
    }

    /// Whether a submitted CSRF token belongs to the session.
    public func verifyCSRF(_ token: String?, session: AdminSession) -> Bool {
        guard let token else { return false }
        return ConstantTime.equals(token, session.csrfToken)
    }

    /// `Set-Cookie` for a new session: HttpOnly, SameSite=Strict, Secure when served over TLS.
    public func sessionCookie(_ session: AdminSession, secure: Bool) -> String {
        Cookies.setCookie(name: Self.sessionCookieName, value: session.id, path: "/admin", maxAge: Int(sessionLifetime), secure: secure)
    }

    public func clearedSessionCookie(secure: Bool) -> String {
        Cookies.setCookie(name: Self.sessionCookieName, value: "", path: "/admin", maxAge: 0, secure: secure)
    }
}
