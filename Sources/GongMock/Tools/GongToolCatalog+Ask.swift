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

    private static let requestIDKey = DualJSONWriter.Fragment(#"{"requestId":"#)
    private static let callsSearchedKey = DualJSONWriter.Fragment(#","numOfCallsSearched":"#)
    private static let emailsSearchedKey = DualJSONWriter.Fragment(#","numOfEmailsSearched":"#)
    private static let answerItemsKey = DualJSONWriter.Fragment(#","answer":[{"answerItems":["#)
    private static let callFindingsKey = DualJSONWriter.Fragment(#"],"callFindings":"#)
    private static let emailFindingsKey = DualJSONWriter.Fragment(#","emailFindings":"#)
    private static let answerEnd = DualJSONWriter.Fragment("}]}")

    /// The ask-entity answer to `question` over the selected conversations, priced by what they
    /// hold: `{"requestId","numOfCallsSearched","numOfEmailsSearched","answer":[{"answerItems",
    /// "callFindings","emailFindings"}]}`, written straight to bytes together with its escaped
    /// text (the MCP text item), so neither a tree nor a second escaping pass is needed.
    func answer(_ question: String, about subject: String, periodPhrase: String, selection: ConversationSelection) -> GongToolOutcome {
        let engines = toolEngines
        let (topics, activityIntent) = topics(forQuestion: question, vocabulary: engines.vocabulary)
        let search = FindingSearch(topics: topics, vocabulary: engines.vocabulary, data: data, selection: selection)
        let context = AnswerComposer.Context(entityName: subject, periodPhrase: periodPhrase, selection: selection)
        let items = engines.composer.itemTexts(search, context: context, activityIntent: activityIntent)
        var output = DualJSONWriter(capacity: 8 * 1024)
        output.append(Self.requestIDKey)
        requestIDs.nextUTF8().withUnsafeBufferPointer { output.appendPlainString(utf8: $0) }
        output.append(Self.callsSearchedKey)
        output.appendInteger(selection.callPositions.count)
        output.append(Self.emailsSearchedKey)
        output.appendInteger(selection.emailPositions.count)
        output.append(Self.answerItemsKey)
        for (position, item) in items.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            item.withUnsafeBufferPointer { output.appendString(utf8: $0) }
        }
        output.append(Self.callFindingsKey)
        engines.composer.renderer.writeCallFindings(search, into: &output)
        output.append(Self.emailFindingsKey)
        engines.composer.renderer.writeEmailFindings(search, into: &output)
        output.append(Self.answerEnd)
        return .success(structured: output.document, usage: selection.usage(in: data))
    }

    static let activityWords: Set<String> = ["activity", "interaction", "touchpoint", "touch", "engagement", "contact"]
    static let recencyWords: Set<String> = ["last", "latest", "recent", "recently", "newest", "when"]

    /// Topics of a question: the trackers it evokes (by trigger word or keyword), then its other
    /// content words. Also whether it asks about recent activity ("What was the last activity?").
    /// One pass over the question's terms and one lookup per term (`SearchVocabulary.words`);
    /// the same topics as `TextTokenizer.questionTerms` minus the triggered trackers' words.
    func topics(forQuestion question: String, vocabulary: SearchVocabulary) -> (topics: [FindingSearch.Topic], activityIntent: Bool) {
        var wordIDs: [Int32] = []
        var hasActivity = false, hasRecency = false
        var candidates: [(term: String, facts: SearchVocabulary.WordFacts?)] = []
        TextTokenizer.forEachTerm(question) { bytes in
            let term = String(decoding: bytes, as: UTF8.self)
            let facts = vocabulary.words[term]
            wordIDs.append(facts?.questionWordID ?? -1)
            if let facts {
                hasActivity = hasActivity || facts.isActivity
                hasRecency = hasRecency || facts.isRecency
                if facts.isNoise { return }
            }
            // Three characters at least (bytes are characters in ASCII).
            if bytes.count < 3 || (bytes.contains { $0 >= 0x80 } && term.count < 3) { return }
            if candidates.contains(where: { $0.term == term }) { return }
            candidates.append((term, facts))
        }
        let trackers = vocabulary.triggeredTrackers(questionWordIDs: wordIDs)
        var topics: [FindingSearch.Topic] = trackers.map { .tracker($0) }
        for (term, facts) in candidates {
            if let facts, facts.isActivity || facts.coveringTrackers.contains(where: trackers.contains) { continue }
            topics.append(.term(term))
        }
        return (topics, hasActivity && hasRecency)
    }
}
