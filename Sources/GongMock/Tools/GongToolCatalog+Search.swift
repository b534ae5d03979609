import Essentials

extension GongToolCatalog {
    static let searchDefaultLimit = 20
    static let searchMaximumLimit = 100

    /// search_conversations (`--tools 2026-11`): finds the calls and emails the caller may see
    /// by time range, account, deal, participant and words, most recent first, paged. It returns
    /// metadata and analyses nothing, so it is not metered (the mock's reading of "consumption
    /// is based on the amount of data analyzed"; README "Fidelity").
    func search(arguments object: JSONObject, filter: EntityFilter) -> GongToolOutcome {
        var arguments = ToolArguments(object, allowed: GongToolSchemas.searchArguments)
        let query = arguments.string("query", required: false, hint: "words or phrases, e.g. \"pricing\"")
        let accountID = arguments.string("accountId", required: false, hint: "a CRM account id, e.g. 001…")
        let dealID = arguments.string("dealId", required: false, hint: "a CRM deal id, e.g. 006…")
        let participant = arguments.string("participantEmail", required: false, hint: "an email address")
        let kind = arguments.string("conversationType", required: false, hint: "CALL, EMAIL or ALL")?.uppercased() ?? "ALL"
        if !["CALL", "EMAIL", "ALL"].contains(kind) { arguments.fail("conversationType", "\"\(kind)\" is not allowed; use CALL, EMAIL or ALL") }
        let limit = integer(&arguments, "limit", default: GongToolCatalog.searchDefaultLimit, range: 1...GongToolCatalog.searchMaximumLimit)
        let offset = cursorOffset(&arguments)
        if let accountID, entityName(.account, id: accountID, filter: filter) == nil { arguments.fail("accountId", "Account \(accountID) not found") }
        if let dealID, entityName(.deal, id: dealID, filter: filter) == nil { arguments.fail("dealId", "Deal \(dealID) not found") }
        let (period, from, to) = periodArguments(&arguments)
        if let message = arguments.failureMessage { return .failure(message: message) }
        guard let period else { return .failure(message: "Invalid arguments") }

        var candidates = researchCandidates(accountIDs: accountID.map { [$0] } ?? [], dealIDs: dealID.map { [$0] } ?? [], filter: filter)
        guard case .success(let range?) = period.resolve(now: clock.now(), lastActivity: ConversationSelection.lastActivity(candidates, in: data),
                                                        from: from, to: to) else {
            return .success(structured: EncodedJSON(searchPage([], total: 0, offset: 0, limit: limit)), usage: DataUsage(callDurations: [], emailCount: 0))
        }
        if let query {
            let (calls, emails) = documents(matching: query)
            candidates = ConversationSelection.Candidates(calls: candidates.calls.filter(calls.contains),
                                                          emails: candidates.emails.filter(emails.contains))
        }
        if let participant { candidates = restrict(candidates, toParticipant: participant) }
        var matches: [(time: Double, item: JSONValue)] = []
        if kind != "EMAIL" {
            for position in candidates.calls where range.contains(data.calls[position].startTime) {
                matches.append((data.calls[position].startTime, callSummary(data.calls[position])))
            }
        }
        if kind != "CALL" {
            for position in candidates.emails where range.contains(data.emails[position].sentTime) {
                matches.append((data.emails[position].sentTime, emailSummary(data.emails[position])))
            }
        }
        matches.sort { $0.time > $1.time }
        let page = Array(matches.dropFirst(offset).prefix(limit).map(\.item))
        return .success(structured: EncodedJSON(searchPage(page, total: matches.count, offset: offset, limit: limit)),
                        usage: DataUsage(callDurations: [], emailCount: 0))
    }

    private func searchPage(_ conversations: [JSONValue], total: Int, offset: Int, limit: Int) -> JSONValue {
        var result = JSONObject()
        result["requestId"] = .string(requestIDs.next())
        result["totalRecords"] = .number(Double(total))
        result["conversations"] = .array(conversations)
        if offset + limit < total { result["nextCursor"] = .string("conversations-\(offset + limit)") }
        return .object(result)
    }

    private func integer(_ arguments: inout ToolArguments, _ name: String, default value: Int, range: ClosedRange<Int>) -> Int {
        guard let raw = arguments.object[name], !raw.isNull else { return value }
        guard let number = raw.intValue, range.contains(number) else {
            arguments.fail(name, "must be an integer from \(range.lowerBound) to \(range.upperBound), got \(raw.description)")
            return value
        }
        return number
    }

    private func cursorOffset(_ arguments: inout ToolArguments) -> Int {
        guard let cursor = arguments.string("cursor", required: false, hint: "the nextCursor of a previous page") else { return 0 }
        guard cursor.hasPrefix("conversations-"), let offset = Int(cursor.dropFirst("conversations-".count)), offset >= 0 else {
            arguments.fail("cursor", "\"\(cursor)\" is not a cursor this tool issued; pass nextCursor from the previous page")
            return 0
        }
        return offset
    }

    /// Positions of the calls and emails containing every word of `query` (transcript, title,
    /// subject, body), through the conversation index.
    private func documents(matching query: String) -> (calls: Set<Int>, emails: Set<Int>) {
        let index = data.index
        var calls: Set<Int>?, emails: Set<Int>?
        for term in Set(TextTokenizer.terms(query)) {
            var termCalls = Set<Int>(), termEmails = Set<Int>()
            if let id = index.termIDs[term] {
                termCalls = Set(index.callPostings[Int(id)].map { Int($0.document) })
                termEmails = Set(index.emailPostings[Int(id)].map { Int($0.document) })
            }
            for (position, call) in data.calls.enumerated() where TextTokenizer.terms(call.title).contains(term) {
                termCalls.insert(position)
            }
            calls = calls.map { $0.intersection(termCalls) } ?? termCalls
            emails = emails.map { $0.intersection(termEmails) } ?? termEmails
        }
        return (calls ?? [], emails ?? [])
    }

    private func restrict(_ candidates: ConversationSelection.Candidates, toParticipant email: String) -> ConversationSelection.Candidates {
        let address = email.lowercased()
        let participant: ParticipantID? = data.user(email: address).map { .user($0.id) }
            ?? data.contactByEmail(address).map { .contact($0.id) }
        let calls = candidates.calls.filter { position in participant.map { data.calls[position].participants.contains($0) } ?? false }
        let emails = candidates.emails.filter { position in
            let message = data.emails[position]
            return ([message.from] + message.to + message.cc).contains { $0.lowercased() == address }
        }
        return ConversationSelection.Candidates(calls: calls, emails: emails)
    }

    private func callSummary(_ call: Call) -> JSONValue {
        var item = JSONObject()
        item["conversationType"] = "CALL"
        item["id"] = .string(call.id)
        item["title"] = .string(call.title)
        item["url"] = .string("https://app.gong.io/call?id=\(call.id)")
        item["time"] = .string(UTCCalendar.isoString(call.startTime))
        item["durationSeconds"] = .number(Double(call.durationSeconds))
        item["accountId"] = .string(call.accountID)
        if let name = data.account(id: call.accountID)?.name { item["accountName"] = .string(name) }
        if let dealID = call.dealID { item["dealId"] = .string(dealID) }
        return .object(item)
    }

    private func emailSummary(_ email: Email) -> JSONValue {
        var item = JSONObject()
        item["conversationType"] = "EMAIL"
        item["id"] = .string(email.id)
        item["title"] = .string(email.subject)
        item["time"] = .string(UTCCalendar.isoString(email.sentTime))
        item["accountId"] = .string(email.accountID)
        if let name = data.account(id: email.accountID)?.name { item["accountName"] = .string(name) }
        if let dealID = email.dealID { item["dealId"] = .string(dealID) }
        return .object(item)
    }
}
