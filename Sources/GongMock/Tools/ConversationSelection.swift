/// The calls and e-mails one tool call analyses: the entity's visible conversations inside the
/// time range, most recent first, capped like Gong's ask-entity ("At most 60 calls and 500
/// emails are used to generate the answer", gong.md §2.1). Positions index `CompanyData.calls`
/// / `.emails`.
struct ConversationSelection: Sendable {
    static let maximumCalls = 60
    static let maximumEmails = 500

    let callPositions: [Int]
    let emailPositions: [Int]

    static let empty = ConversationSelection(callPositions: [], emailPositions: [])

    /// Visible conversations of an entity (no time limit), most recent first.
    struct Candidates {
        let calls: [Int]
        let emails: [Int]
    }

    static func candidates(_ type: CRMEntityType, id: String, in data: CompanyData,
                           filter: EntityFilter) -> Candidates {
        let index = data.index
        let calls: [Int]
        let emails: [Int]
        switch type {
        case .account:
            calls = index.callsByAccount[id] ?? []
            emails = index.emailsByAccount[id] ?? []
        case .deal:
            calls = index.callsByDeal[id] ?? []
            emails = index.emailsByDeal[id] ?? []
        case .contact:
            calls = index.callsByContact[id] ?? []
            emails = index.emailsByContact[id] ?? []
        }
        if filter.seesEverything { return Candidates(calls: calls, emails: emails) }
        return Candidates(calls: calls.filter { filter.canSee(callID: data.calls[$0].id) },
                          emails: emails.filter { filter.canSee(emailID: data.emails[$0].id) })
    }

    /// Start of the most recent visible conversation, for the SINCE_LAST_ACTIVITY periods.
    static func lastActivity(_ candidates: Candidates, in data: CompanyData) -> Double? {
        let call = candidates.calls.first.map { data.calls[$0].startTime }
        let email = candidates.emails.first.map { data.emails[$0].sentTime }
        switch (call, email) {
        case (let call?, let email?): return max(call, email)
        case (let call?, nil): return call
        case (nil, let email?): return email
        case (nil, nil): return nil
        }
    }

    static func select(_ candidates: Candidates, range: TimeRange?, in data: CompanyData) -> ConversationSelection {
        guard let range else { return .empty }
        var calls: [Int] = []
        for position in candidates.calls where range.contains(data.calls[position].startTime) {
            calls.append(position)
            if calls.count == maximumCalls { break }
        }
        var emails: [Int] = []
        for position in candidates.emails where range.contains(data.emails[position].sentTime) {
            emails.append(position)
            if emails.count == maximumEmails { break }
        }
        return ConversationSelection(callPositions: calls, emailPositions: emails)
    }

    func usage(in data: CompanyData, openEndedSections: Int = 0, smartTrackerSections: Int = 0) -> DataUsage {
        DataUsage(callDurations: callPositions.map { data.calls[$0].durationSeconds }, emailCount: emailPositions.count,
                  openEndedSections: openEndedSections, smartTrackerSections: smartTrackerSections)
    }
}
