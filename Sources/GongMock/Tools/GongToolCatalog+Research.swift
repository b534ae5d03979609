import Essentials

extension GongToolCatalog {
    /// research_conversations (`--tools 2026-11`): one question across many conversations (all
    /// the caller may see, or those of the given accounts and deals) in the time range. Gong says
    /// it "consumes Gong credits when it analyzes calls and emails" (credit page, 2026-11-17), so
    /// it is priced like an ask: per analysed call and email, with the ask's caps.
    func research(arguments object: JSONObject, filter: EntityFilter) -> GongToolOutcome {
        var arguments = ToolArguments(object, allowed: GongToolSchemas.researchArguments)
        let question = arguments.string("question", required: true, hint: "a natural-language research question")
        if let question, question.count > GongToolCatalog.maximumQuestionLength {
            arguments.fail("question", "is \(question.count) characters long; at most \(GongToolCatalog.maximumQuestionLength) are accepted")
        }
        let accountIDs = idList(&arguments, "accountIds", type: .account, filter: filter)
        let dealIDs = idList(&arguments, "dealIds", type: .deal, filter: filter)
        let (period, from, to) = periodArguments(&arguments)
        if let message = arguments.failureMessage { return .failure(message: message) }
        guard let question, let period else { return .failure(message: "Invalid arguments") }

        let candidates = researchCandidates(accountIDs: accountIDs, dealIDs: dealIDs, filter: filter)
        let lastActivity = ConversationSelection.lastActivity(candidates, in: data)
        guard case .success(let range) = period.resolve(now: clock.now(), lastActivity: lastActivity, from: from, to: to) else {
            return .failure(message: "Invalid arguments")
        }
        let selection = ConversationSelection.select(candidates, range: range, in: data)
        let scope = accountIDs.isEmpty && dealIDs.isEmpty ? "your conversations"
            : "the conversations of \((accountIDs + dealIDs).count) selected account(s) and deal(s)"
        return answer(question, about: scope, periodPhrase: periodPhrase(period, from: from, to: to), selection: selection)
    }

    /// An optional array of CRM ids the caller can see; an unknown or invisible one is an error.
    func idList(_ arguments: inout ToolArguments, _ name: String, type: CRMEntityType, filter: EntityFilter) -> [String] {
        guard let value = arguments.object[name], !value.isNull else { return [] }
        guard case .array(let items) = value, items.count <= 20 else {
            arguments.fail(name, "must be an array of at most 20 CRM ids (strings)")
            return []
        }
        var ids: [String] = []
        for item in items {
            guard case .string(let id) = item else {
                arguments.fail(name, "must hold strings, got \(item.kindName)")
                return []
            }
            guard entityName(type, id: id, filter: filter) != nil else {
                arguments.fail(name, "\(type.displayName) \(id) not found")
                continue
            }
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    /// Visible conversations, most recent first: those of the listed entities, or all.
    func researchCandidates(accountIDs: [String], dealIDs: [String], filter: EntityFilter) -> ConversationSelection.Candidates {
        if accountIDs.isEmpty && dealIDs.isEmpty {
            return ConversationSelection.Candidates(
                calls: data.calls.indices.filter { filter.canSee(callID: data.calls[$0].id) },
                emails: data.emails.indices.filter { filter.canSee(emailID: data.emails[$0].id) })
        }
        var calls = Set<Int>(), emails = Set<Int>()
        for (type, ids) in [(CRMEntityType.account, accountIDs), (.deal, dealIDs)] {
            for id in ids {
                let found = ConversationSelection.candidates(type, id: id, in: data, filter: filter)
                calls.formUnion(found.calls)
                emails.formUnion(found.emails)
            }
        }
        // Positions order conversations most recent first.
        return ConversationSelection.Candidates(calls: calls.sorted(), emails: emails.sorted())
    }
}
