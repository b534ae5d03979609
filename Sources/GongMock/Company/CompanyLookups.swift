/// Id (or lower-cased e-mail, lower-cased brief name) → position in `CompanyData`'s lists. Built
/// once per company; its re-anchored editions share it, since positions do not move with the
/// anchor (a whole-day shift keeps the most-recent-first order).
struct CompanyLookups: Sendable {
    let usersByID: [String: Int]
    let usersByEmail: [String: Int]
    let accountsByID: [String: Int]
    let dealsByID: [String: Int]
    let contactsByID: [String: Int]
    let contactsByEmail: [String: Int]
    let callsByID: [String: Int]
    let emailsByID: [String: Int]
    let trackersByID: [String: Int]
    /// Gong matches brief names as typed; we forgive case.
    let briefsByName: [String: Int]

    init(users: [CompanyUser], accounts: [CRMAccount], deals: [Deal], contacts: [Contact], calls: [Call], emails: [Email],
         trackers: [Tracker], briefs: [Brief]) {
        usersByID = Self.positions(users.map(\.id))
        usersByEmail = Self.positions(users.map { $0.email.lowercased() })
        accountsByID = Self.positions(accounts.map(\.id))
        dealsByID = Self.positions(deals.map(\.id))
        contactsByID = Self.positions(contacts.map(\.id))
        contactsByEmail = Self.positions(contacts.map { $0.email.lowercased() })
        callsByID = Self.positions(calls.map(\.id))
        emailsByID = Self.positions(emails.map(\.id))
        trackersByID = Self.positions(trackers.map(\.id))
        briefsByName = Self.positions(briefs.map { $0.name.lowercased() })
    }

    /// First position wins, so a duplicate (which the validator reports) never hides the original.
    private static func positions(_ keys: [String]) -> [String: Int] {
        var result: [String: Int] = [:]
        result.reserveCapacity(keys.count)
        for (position, key) in keys.enumerated() where result[key] == nil { result[key] = position }
        return result
    }
}
