/// Who is calling a tool: the integration's access context, the user the token belongs to (the
/// authorising user; for SHARED integrations still recorded in the credit report's `User ID`),
/// and the integration's name (the report's `Integration` column, gong.md §1.6).
public struct ToolCaller: Sendable, Hashable {
    public let access: AccessContext
    public let userID: String?
    public let integrationName: String

    public init(access: AccessContext, userID: String?, integrationName: String) {
        self.access = access
        self.userID = userID
        self.integrationName = integrationName
    }
}
