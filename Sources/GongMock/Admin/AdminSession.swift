/// A signed-in admin browser: the session cookie's value and the CSRF token every form of the
/// session carries (OWASP "synchronizer token" pattern).
public struct AdminSession: Sendable, Equatable {
    public let id: String
    public let csrfToken: String
    public let createdAt: Double
}
