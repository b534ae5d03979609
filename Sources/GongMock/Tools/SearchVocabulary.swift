/// Trackers translated once into the index's term ids, so turning a question into search
/// patterns costs a handful of dictionary lookups.
struct SearchVocabulary: Sendable {
    struct TrackerTerms: Sendable {
        let tracker: Tracker
        /// Per keyword: its display text and term ids (nil when a word never occurs in the data).
        let keywords: [(text: String, terms: [Int32]?)]
        /// Tokenised keywords and triggers, matched against a question's tokens, as ids of
        /// `questionWordIDs` (comparing integers, not strings, for every tracker on every call).
        let questionPhrases: [[Int32]]
        /// Every term of the tracker's keywords and triggers, removed from a question's plain terms.
        let coveredTerms: Set<String>
    }

    let trackers: [TrackerTerms]
    /// Every word of every tracker phrase, numbered.
    let questionWordIDs: [String: Int32]

    init(data: CompanyData) {
        var wordIDs: [String: Int32] = [:]
        trackers = data.trackers.map { tracker in
            let keywords = tracker.keywords.map { keyword -> (text: String, terms: [Int32]?) in
                let ids = TextTokenizer.terms(keyword).map { data.index.termID($0) }
                return (keyword, ids.contains(nil) || ids.isEmpty ? nil : ids.compactMap { $0 })
            }
            let phrases = (tracker.keywords + tracker.questionTriggers).map(TextTokenizer.terms).filter { !$0.isEmpty }
            let phraseIDs = phrases.map { phrase in
                phrase.map { word -> Int32 in
                    if let id = wordIDs[word] { return id }
                    let id = Int32(wordIDs.count)
                    wordIDs[word] = id
                    return id
                }
            }
            return TrackerTerms(tracker: tracker, keywords: keywords, questionPhrases: phraseIDs,
                                coveredTerms: Set(phrases.joined()))
        }
        questionWordIDs = wordIDs
    }

    /// Trackers whose keywords or triggers occur (as whole phrases) in the question's tokens.
    func triggeredTrackers(questionTokens: [String]) -> [Int] {
        // A word no tracker phrase uses gets -1, which no phrase contains.
        let tokens = questionTokens.map { questionWordIDs[$0] ?? -1 }
        return trackers.indices.filter { position in
            trackers[position].questionPhrases.contains { SearchVocabulary.contains(tokens, phrase: $0) }
        }
    }

    static func contains<Element: Equatable>(_ tokens: [Element], phrase: [Element]) -> Bool {
        guard !phrase.isEmpty, tokens.count >= phrase.count else { return false }
        for start in 0...(tokens.count - phrase.count) where tokens[start] == phrase[0] {
            if phrase.count == 1 || tokens[start..<(start + phrase.count)].elementsEqual(phrase) { return true }
        }
        return false
    }
}
