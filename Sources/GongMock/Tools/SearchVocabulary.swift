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
        /// Per searchable keyword (terms not nil), the slot of its text among `labelNames`
        /// (keywords with the same text share one), so a search counts labels by number.
        let labelSlots: [Int]
        /// The distinct texts of the searchable keywords, in order of first appearance.
        let labelNames: [String]

        init(tracker: Tracker, keywords: [(text: String, terms: [Int32]?)], questionPhrases: [[Int32]], coveredTerms: Set<String>) {
            self.tracker = tracker
            self.keywords = keywords
            self.questionPhrases = questionPhrases
            self.coveredTerms = coveredTerms
            var names: [String] = []
            var slots: [Int] = []
            for keyword in keywords where keyword.terms != nil {
                if let slot = names.firstIndex(of: keyword.text) {
                    slots.append(slot)
                } else {
                    slots.append(names.count)
                    names.append(keyword.text)
                }
            }
            labelSlots = slots
            labelNames = names
        }
    }

    /// What the question reader needs to know of a word, found with one dictionary lookup per
    /// question word (instead of one per word list).
    struct WordFacts: Sendable {
        /// Its id in `questionWordIDs`, -1 when no tracker phrase uses it.
        var questionWordID: Int32 = -1
        /// A stopword or a word naming the data (`TextTokenizer.questionTerms` drops it).
        var isNoise = false
        var isActivity = false
        var isRecency = false
        /// Trackers whose keywords or triggers use the word (`coveredTerms`).
        var coveringTrackers: [Int] = []
    }

    let trackers: [TrackerTerms]
    /// Every word of every tracker phrase, numbered.
    let questionWordIDs: [String: Int32]
    /// Every word with facts: tracker words, stopwords, noise, activity and recency words.
    let words: [String: WordFacts]

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
        var words: [String: WordFacts] = [:]
        for (word, id) in wordIDs { words[word, default: WordFacts()].questionWordID = id }
        for word in TextTokenizer.stopwords.union(TextTokenizer.questionNoise) { words[word, default: WordFacts()].isNoise = true }
        for word in GongToolCatalog.activityWords { words[word, default: WordFacts()].isActivity = true }
        for word in GongToolCatalog.recencyWords { words[word, default: WordFacts()].isRecency = true }
        for (position, tracker) in trackers.enumerated() {
            for word in tracker.coveredTerms.sorted() { words[word, default: WordFacts()].coveringTrackers.append(position) }
        }
        self.words = words
    }

    /// Trackers whose keywords or triggers occur (as whole phrases) in the question's tokens.
    func triggeredTrackers(questionTokens: [String]) -> [Int] {
        // A word no tracker phrase uses gets -1, which no phrase contains.
        triggeredTrackers(questionWordIDs: questionTokens.map { questionWordIDs[$0] ?? -1 })
    }

    /// The same over the question's words as `questionWordIDs` ids (-1 for other words).
    func triggeredTrackers(questionWordIDs tokens: [Int32]) -> [Int] {
        trackers.indices.filter { position in
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
