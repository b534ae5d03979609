/// The set of entities and conversations one caller may see. Anything outside it must behave
/// exactly as if it did not exist ("Account 001… not found"), so nothing leaks by error text.
public struct EntityFilter: Sendable, Hashable {
    public let seesEverything: Bool
    public let accountIDs: Set<String>
    public let dealIDs: Set<String>
    public let contactIDs: Set<String>
    public let callIDs: Set<String>
    public let emailIDs: Set<String>

    public init(accountIDs: Set<String>, dealIDs: Set<String>, contactIDs: Set<String>, callIDs: Set<String>,
                emailIDs: Set<String>) {
        seesEverything = false
        self.accountIDs = accountIDs
        self.dealIDs = dealIDs
        self.contactIDs = contactIDs
        self.callIDs = callIDs
        self.emailIDs = emailIDs
    }

    private init(everything: Bool) {
        seesEverything = everything
        accountIDs = []
        dealIDs = []
        contactIDs = []
        callIDs = []
        emailIDs = []
    }

    public static let everything = EntityFilter(everything: true)
    public static let nothing = EntityFilter(everything: false)

    public func canSee(accountID: String) -> Bool { seesEverything || accountIDs.contains(accountID) }
    public func canSee(dealID: String) -> Bool { seesEverything || dealIDs.contains(dealID) }
    public func canSee(contactID: String) -> Bool { seesEverything || contactIDs.contains(contactID) }
    public func canSee(callID: String) -> Bool { seesEverything || callIDs.contains(callID) }
    public func canSee(emailID: String) -> Bool { seesEverything || emailIDs.contains(emailID) }

    public func canSee(_ type: CRMEntityType, id: String) -> Bool {
        switch type {
        case .account: return canSee(accountID: id)
        case .deal: return canSee(dealID: id)
        case .contact: return canSee(contactID: id)
        }
    }
}
