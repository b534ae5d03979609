/// What only tool calls need, derived from the company once: the conversation index (entity →
/// conversations, inverted word index) and the precomputed visibility of each PERSONAL-context
/// user. Built after the server answers (see `DeferredValue`), not on the start-up path.
final class CompanySearchIndexes: Sendable {
    let conversations: ConversationIndex
    /// User id → what a PERSONAL-context caller authorised by that user may see.
    let visibilityByUser: [String: EntityFilter]

    init(users: [CompanyUser], accounts: [CRMAccount], deals: [Deal], contacts: [Contact], calls: [Call],
         emails: [Email], usersByEmail: [String: Int], contactsByEmail: [String: Int]) {
        let index = ConversationIndex(calls: calls, emails: emails, deals: deals, contacts: contacts,
                                      usersByEmail: usersByEmail, contactsByEmail: contactsByEmail,
                                      userIDs: users.map(\.id), contactIDs: contacts.map(\.id))
        conversations = index
        visibilityByUser = AccessScope.precompute(users: users, accounts: accounts, deals: deals, contacts: contacts,
                                                  calls: calls, emails: emails, index: index)
    }
}
