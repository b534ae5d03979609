/// Finds the transcript sentences and e-mail lines of a selection that match a set of search
/// topics, by walking the inverted index's posting lists (never scanning transcripts).
///
/// A *topic* is a tracker (its keywords, weight 2: curated phrases are the stronger signal) or a
/// plain question word (weight 1). A line's score is the sum of the weights of the distinct
/// patterns it matches; findings are ranked by score, then recency, then position in the call.
struct FindingSearch {
    enum Topic: Sendable, Hashable {
        case tracker(Int)
        case term(String)
    }

    struct Pattern {
        let topic: Int
        let label: String
        let terms: [Int32]
        let weight: Int
    }

    struct Hit {
        let document: Int
        let line: Int
        var score: Int
        /// Pattern positions matched by this line.
        var patterns: [Int]
    }

    static let maximumCallFindings = 12
    static let maximumEmailFindings = 10
    static let maximumFindingsPerCall = 3
    static let maximumFindingsPerEmail = 2

    let topics: [Topic]
    let patterns: [Pattern]
    /// Every matching line, ranked.
    let callHits: [Hit]
    let emailHits: [Hit]

    init(topics: [Topic], vocabulary: SearchVocabulary, data: CompanyData, selection: ConversationSelection) {
        self.topics = topics
        var patterns: [Pattern] = []
        for (topicPosition, topic) in topics.enumerated() {
            switch topic {
            case .tracker(let tracker):
                for keyword in vocabulary.trackers[tracker].keywords {
                    if let terms = keyword.terms {
                        patterns.append(Pattern(topic: topicPosition, label: keyword.text, terms: terms, weight: 2))
                    }
                }
            case .term(let term):
                if let id = data.index.termID(term) {
                    patterns.append(Pattern(topic: topicPosition, label: term, terms: [id], weight: 1))
                }
            }
        }
        self.patterns = patterns
        let index = data.index
        callHits = FindingSearch.match(patterns, postings: index.callPostings, lines: index.callLines,
                                       documents: selection.callPositions, documentCount: data.calls.count)
        emailHits = FindingSearch.match(patterns, postings: index.emailPostings, lines: index.emailLines,
                                        documents: selection.emailPositions, documentCount: data.emails.count)
    }

    private static func match(_ patterns: [Pattern], postings: [[ConversationIndex.Posting]],
                              lines: [[ConversationIndex.Line]], documents: [Int], documentCount: Int) -> [Hit] {
        guard !documents.isEmpty, !patterns.isEmpty else { return [] }
        // Dense slot per line of the selected documents (base offset per document, -1 = not
        // selected), so accumulating hits needs no hashing.
        var base = [Int](repeating: -1, count: documentCount)
        var slotCount = 0
        for document in documents {
            base[document] = slotCount
            slotCount += lines[document].count
        }
        var slots = [Int32](repeating: -1, count: slotCount)
        var hits: [Hit] = []
        for (patternPosition, pattern) in patterns.enumerated() {
            for posting in postings[Int(pattern.terms[0])] {
                let document = Int(posting.document)
                let offset = base[document]
                guard offset >= 0 else { continue }
                let line = Int(posting.line)
                if pattern.terms.count > 1,
                   !SearchVocabulary.contains(lines[document][line].terms, phrase: pattern.terms) { continue }
                let slot = offset + line
                let existing = Int(slots[slot])
                if existing >= 0 {
                    guard !hits[existing].patterns.contains(patternPosition) else { continue }
                    hits[existing].score += pattern.weight
                    hits[existing].patterns.append(patternPosition)
                } else {
                    slots[slot] = Int32(hits.count)
                    hits.append(Hit(document: document, line: line, score: pattern.weight, patterns: [patternPosition]))
                }
            }
        }
        hits.sort { left, right in
            if left.score != right.score { return left.score > right.score }
            if left.document != right.document { return left.document < right.document }
            return left.line < right.line
        }
        return hits
    }

    /// The findings to cite: best first, a few per conversation so one call cannot crowd out the rest.
    static func cited(_ hits: [Hit], limit: Int, perDocument: Int) -> [Hit] {
        var perDocumentCount: [Int: Int] = [:]
        var result: [Hit] = []
        for hit in hits where perDocumentCount[hit.document, default: 0] < perDocument {
            perDocumentCount[hit.document, default: 0] += 1
            result.append(hit)
            if result.count == limit { break }
        }
        return result
    }

    var citedCallHits: [Hit] {
        FindingSearch.cited(callHits, limit: FindingSearch.maximumCallFindings, perDocument: FindingSearch.maximumFindingsPerCall)
    }

    var citedEmailHits: [Hit] {
        FindingSearch.cited(emailHits, limit: FindingSearch.maximumEmailFindings, perDocument: FindingSearch.maximumFindingsPerEmail)
    }

    /// Per pattern, the slot of its label within its topic (patterns of one topic sharing a label
    /// share a slot), and per topic the label of each slot.
    static func labelSlots(_ search: FindingSearch) -> (slots: [Int], names: [[String]]) {
        var names = [[String]](repeating: [], count: search.topics.count)
        var slots: [Int] = []
        slots.reserveCapacity(search.patterns.count)
        for pattern in search.patterns {
            if let slot = names[pattern.topic].firstIndex(of: pattern.label) {
                slots.append(slot)
            } else {
                slots.append(names[pattern.topic].count)
                names[pattern.topic].append(pattern.label)
            }
        }
        return (slots, names)
    }

    /// Hits that matched any pattern of the topic.
    func hits(ofTopic topic: Int, in hits: [Hit]) -> [Hit] {
        hits.filter { hit in hit.patterns.contains { patterns[$0].topic == topic } }
    }
}
