import Essentials

extension GongToolCatalog {
    static let maximumQuestionLength = 2_000

    /// ask_account / ask_deal: Gong's ask-entity API (gong.md §2.1) over one account or deal.
    func ask(_ type: CRMEntityType, arguments object: JSONObject, filter: EntityFilter) -> GongToolOutcome {
        let idName = type == .account ? "accountId" : "dealId"
        let example = type == .account ? "001…" : "006…"
        var arguments = ToolArguments(object, allowed: [idName] + GongToolSchemas.askArguments)
        let id = arguments.string(idName, required: true, hint: "the CRM \(type.displayName.lowercased()) id, e.g. \(example)")
        let question = arguments.string("question", required: true, hint: "a natural-language question")
        if let question, question.count > GongToolCatalog.maximumQuestionLength {
            arguments.fail("question", "is \(question.count) characters long; at most \(GongToolCatalog.maximumQuestionLength) are accepted")
        }
        let (period, from, to) = periodArguments(&arguments)
        if let message = arguments.failureMessage { return .failure(message: message) }
        guard let id, let question, let period else { return .failure(message: "Invalid arguments") }
        guard let name = entityName(type, id: id, filter: filter) else { return GongToolCatalog.notFound(type, id: id) }

        let selection = selection(type, id: id, filter: filter, period: period, from: from, to: to)
        return answer(question, about: name, periodPhrase: periodPhrase(period, from: from, to: to), selection: selection)
    }

    private static let requestIDKey: [UInt8] = Array(#"{"requestId":"#.utf8)
    private static let callsSearchedKey: [UInt8] = Array(#","numOfCallsSearched":"#.utf8)
    private static let emailsSearchedKey: [UInt8] = Array(#","numOfEmailsSearched":"#.utf8)
    private static let answerItemsKey: [UInt8] = Array(#","answer":[{"answerItems":["#.utf8)
    private static let callFindingsKey: [UInt8] = Array(#"],"callFindings":"#.utf8)
    private static let emailFindingsKey: [UInt8] = Array(#","emailFindings":"#.utf8)
    private static let answerEnd: [UInt8] = Array("}]}".utf8)

    /// The ask-entity answer to `question` over the selected conversations, priced by what they
    /// hold: `{"requestId","numOfCallsSearched","numOfEmailsSearched","answer":[{"answerItems",
    /// "callFindings","emailFindings"}]}`, written straight to bytes (the answer is sent as it is,
    /// so a tree would only be built, serialised and freed on every call).
    func answer(_ question: String, about subject: String, periodPhrase: String, selection: ConversationSelection) -> GongToolOutcome {
        let (topics, activityIntent) = topics(forQuestion: question)
        let search = FindingSearch(topics: topics, vocabulary: vocabulary, data: data, selection: selection)
        let context = AnswerComposer.Context(entityName: subject, periodPhrase: periodPhrase, selection: selection)
        let items = composer.items(search, context: context, activityIntent: activityIntent)
        var output: [UInt8] = []
        output.reserveCapacity(8 * 1024)
        output.append(contentsOf: Self.requestIDKey)
        JSONSerializer.writeString(requestIDs.next(), into: &output)
        output.append(contentsOf: Self.callsSearchedKey)
        JSONSerializer.writeInteger(Int64(selection.callPositions.count), into: &output)
        output.append(contentsOf: Self.emailsSearchedKey)
        JSONSerializer.writeInteger(Int64(selection.emailPositions.count), into: &output)
        output.append(contentsOf: Self.answerItemsKey)
        for (position, item) in items.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            JSONSerializer.writeString(item, into: &output)
        }
        output.append(contentsOf: Self.callFindingsKey)
        composer.renderer.writeCallFindings(search, into: &output)
        output.append(contentsOf: Self.emailFindingsKey)
        composer.renderer.writeEmailFindings(search, into: &output)
        output.append(contentsOf: Self.answerEnd)
        return .success(structured: EncodedJSON(serialized: output), usage: selection.usage(in: data))
    }

    static let activityWords: Set<String> = ["activity", "interaction", "touchpoint", "touch", "engagement", "contact"]
    static let recencyWords: Set<String> = ["last", "latest", "recent", "recently", "newest", "when"]

    /// Topics of a question: the trackers it evokes (by trigger word or keyword), then its other
    /// content words. Also whether it asks about recent activity ("What was the last activity?").
    func topics(forQuestion question: String) -> (topics: [FindingSearch.Topic], activityIntent: Bool) {
        let tokens = TextTokenizer.terms(question)
        let trackers = vocabulary.triggeredTrackers(questionTokens: tokens)
        // Asking each triggered tracker's set beats building their union on every call.
        let terms = TextTokenizer.questionTerms(question).filter { term in
            !trackers.contains { vocabulary.trackers[$0].coveredTerms.contains(term) }
                && !GongToolCatalog.activityWords.contains(term)
        }
        let tokenSet = Set(tokens)
        let activityIntent = !tokenSet.isDisjoint(with: GongToolCatalog.activityWords)
            && !tokenSet.isDisjoint(with: GongToolCatalog.recencyWords)
        return (trackers.map { .tracker($0) } + terms.map { .term($0) }, activityIntent)
    }
}
