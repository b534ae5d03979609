/// Write-through storage of admin browser sessions (the `--state-dir` database implements it), so
/// a signed-in admin stays signed in across a restart. Only a SHA-256 of the session id is kept:
/// the id is the cookie's bearer secret (OWASP Session Management: store session ids hashed).
public protocol AdminSessionPersistence: Sendable {
    func saveAdminSession(_ session: StoredAdminSession) throws
    func deleteAdminSession(idHash: String) throws
}

/// A session as stored: the id's SHA-256 (hex), the session's CSRF token and its start time.
public struct StoredAdminSession: Sendable, Equatable {
    public let idHash: String
    public let csrfToken: String
    public let createdAt: Double

    public init(idHash: String, csrfToken: String, createdAt: Double) {
        self.idHash = idHash
        self.csrfToken = csrfToken
        self.createdAt = createdAt
    }
}
