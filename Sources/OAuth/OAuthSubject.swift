/// A person who can be picked on the sign-in page and becomes the `sub` of the tokens.
///
/// `canAuthorize` false keeps the person visible (so the page can say *why* they cannot connect)
/// but ends an approval with `access_denied` (RFC 6749 §4.1.2.1) carrying `refusalReason`.
public struct OAuthSubject: Sendable, Equatable {
    public var id: String
    public var displayName: String
    public var email: String
    public var canAuthorize: Bool
    public var refusalReason: String?

    public init(id: String, displayName: String, email: String, canAuthorize: Bool = true, refusalReason: String? = nil) {
        self.id = id
        self.displayName = displayName
        self.email = email
        self.canAuthorize = canAuthorize
        self.refusalReason = refusalReason
    }
}
