/// Access rules for PERSONAL-context callers, derived from the authorising user's
/// `PermissionScope` (gong.md §1.3, issue #5 "Access"). Precise definitions:
///
/// - The *circle* of a user is `{user}` for OWN, every user with the same `team` for TEAM.
///   (ALL sees everything and needs no circle.)
/// - Deals: owned by someone in the circle.
/// - Calls: someone in the circle took part, or the call is linked to a visible deal, or its
///   account is owned by someone in the circle.
/// - E-mails: someone in the circle is sender or recipient (to/cc), or the e-mail is linked to a
///   visible deal, or its account is owned by someone in the circle.
/// - Accounts: owned by someone in the circle, or holding a visible deal, or having a visible
///   call or e-mail (through the account's own, its deals' or its contacts' conversations).
/// - Contacts: belonging to a visible account.
///
/// Within a visible entity only visible conversations are analysed. Seat and activity checks
/// (collaborators and deactivated users cannot connect) are the integrator's job at token time;
/// here an unknown user id sees nothing.
public enum AccessScope {
    static func precompute(users: [CompanyUser], accounts: [CRMAccount], deals: [Deal], contacts: [Contact],
                           calls: [Call], emails: [Email], index: ConversationIndex) -> [String: EntityFilter] {
        var result: [String: EntityFilter] = [:]
        var filtersByCircle: [Set<String>: EntityFilter] = [:]
        for user in users {
            let circle: Set<String>
            switch user.permissionScope {
            case .all:
                result[user.id] = .everything
                continue
            case .own: circle = [user.id]
            case .team: circle = Set(users.filter { $0.team == user.team }.map(\.id))
            }
            if let known = filtersByCircle[circle] {
                result[user.id] = known
                continue
            }
            let filter = self.filter(circle: circle, accounts: accounts, deals: deals, contacts: contacts,
                                     calls: calls, emails: emails, index: index)
            filtersByCircle[circle] = filter
            result[user.id] = filter
        }
        return result
    }

    static func filter(circle: Set<String>, accounts: [CRMAccount], deals: [Deal], contacts: [Contact],
                       calls: [Call], emails: [Email], index: ConversationIndex) -> EntityFilter {
        let dealIDs = Set(deals.filter { circle.contains($0.ownerID) }.map(\.id))
        let ownedAccounts = Set(accounts.filter { circle.contains($0.ownerID) }.map(\.id))
        var callIDs: Set<String> = []
        var visibleCallPositions: Set<Int> = []
        for (position, call) in calls.enumerated() {
            let tookPart = call.participants.contains { participant in
                if case .user(let id) = participant { return circle.contains(id) }
                return false
            }
            if tookPart || call.dealID.map(dealIDs.contains) == true || ownedAccounts.contains(call.accountID) {
                callIDs.insert(call.id)
                visibleCallPositions.insert(position)
            }
        }
        var emailIDs: Set<String> = []
        var visibleEmailPositions: Set<Int> = []
        for (position, email) in emails.enumerated() {
            let tookPart = index.emailUserIDs[position].contains(where: circle.contains)
            if tookPart || email.dealID.map(dealIDs.contains) == true || ownedAccounts.contains(email.accountID) {
                emailIDs.insert(email.id)
                visibleEmailPositions.insert(position)
            }
        }
        var accountIDs = ownedAccounts
        for deal in deals where dealIDs.contains(deal.id) { accountIDs.insert(deal.accountID) }
        for account in accounts where !accountIDs.contains(account.id) {
            let calls = index.callsByAccount[account.id] ?? []
            let emails = index.emailsByAccount[account.id] ?? []
            if calls.contains(where: visibleCallPositions.contains) || emails.contains(where: visibleEmailPositions.contains) {
                accountIDs.insert(account.id)
            }
        }
        let contactIDs = Set(contacts.filter { accountIDs.contains($0.accountID) }.map(\.id))
        return EntityFilter(accountIDs: accountIDs, dealIDs: dealIDs, contactIDs: contactIDs, callIDs: callIDs,
                            emailIDs: emailIDs)
    }
}
