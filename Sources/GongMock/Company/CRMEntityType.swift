/// The CRM entity kinds the get-brief API accepts as `crmEntityType` (gong.md §2.1; LEAD is
/// left out: reported unsupported live, and the MCP tools name account, deal and contact only).
public enum CRMEntityType: String, Sendable, Hashable, CaseIterable {
    case account = "ACCOUNT"
    case deal = "DEAL"
    case contact = "CONTACT"

    /// Lower-case noun for messages ("Account 001X not found").
    public var displayName: String {
        switch self {
        case .account: return "Account"
        case .deal: return "Deal"
        case .contact: return "Contact"
        }
    }
}
