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
        /// The slot of `label` among its topic's `labelNames` (patterns sharing a label share it).
        let labelSlot: Int
    }

    struct Hit {
        let document: Int
        let line: Int
        var score: Int
        /// Where this hit's pattern bits start in `callPatternBits` / `emailPatternBits`.
        let bits: Int
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
    /// Per hit, `wordsPerHit` words with bit p set when pattern p matched the line: a set of
    /// patterns per hit without an array (an allocation) per hit.
    let callPatternBits: [UInt64]
    let emailPatternBits: [UInt64]
    let wordsPerHit: Int
    /// Per topic, the labels its patterns count under (`Pattern.labelSlot`).
    let labelNames: [[String]]

    init(topics: [Topic], vocabulary: SearchVocabulary, data: CompanyData, selection: ConversationSelection) {
        let index = data.index
        self.topics = topics
        var patterns: [Pattern] = []
        var labelNames: [[String]] = []
        labelNames.reserveCapacity(topics.count)
        for (topicPosition, topic) in topics.enumerated() {
            switch topic {
            case .tracker(let tracker):
                let terms = vocabulary.trackers[tracker]
                var searchable = 0
                for keyword in terms.keywords {
                    guard let ids = keyword.terms else { continue }
                    patterns.append(Pattern(topic: topicPosition, label: keyword.text, terms: ids, weight: 2,
                                            labelSlot: terms.labelSlots[searchable]))
                    searchable += 1
                }
                labelNames.append(terms.labelNames)
            case .term(let term):
                if let id = index.termID(term) {
                    patterns.append(Pattern(topic: topicPosition, label: term, terms: [id], weight: 1, labelSlot: 0))
                    labelNames.append([term])
                } else {
                    labelNames.append([])
                }
            }
        }
        self.patterns = patterns
        self.labelNames = labelNames
        let words = max(1, (patterns.count + 63) / 64)
        wordsPerHit = words
        (callHits, callPatternBits) = FindingSearch.match(patterns, words: words, postings: index.callPostings, lines: index.callLines,
                                                          documents: selection.callPositions, documentCount: data.calls.count)
        (emailHits, emailPatternBits) = FindingSearch.match(patterns, words: words, postings: index.emailPostings,
                                                            lines: index.emailLines, documents: selection.emailPositions,
                                                            documentCount: data.emails.count)
    }

    private static func match(_ patterns: [Pattern], words: Int, postings: [[ConversationIndex.Posting]],
                              lines: [[ConversationIndex.Line]], documents: [Int], documentCount: Int) -> ([Hit], [UInt64]) {
        guard !documents.isEmpty, !patterns.isEmpty else { return ([], []) }
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
        var bits: [UInt64] = []
        hits.reserveCapacity(64)
        bits.reserveCapacity(64 * words)
        for (patternPosition, pattern) in patterns.enumerated() {
            let word = patternPosition >> 6
            let bit = UInt64(1) << UInt64(patternPosition & 63)
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
                    let at = hits[existing].bits + word
                    guard bits[at] & bit == 0 else { continue }
                    hits[existing].score += pattern.weight
                    bits[at] |= bit
                } else {
                    slots[slot] = Int32(hits.count)
                    hits.append(Hit(document: document, line: line, score: pattern.weight, bits: bits.count))
                    for position in 0..<words { bits.append(position == word ? bit : 0) }
                }
            }
        }
        hits.sort { left, right in
            if left.score != right.score { return left.score > right.score }
            if left.document != right.document { return left.document < right.document }
            return left.line < right.line
        }
        return (hits, bits)
    }

    /// The findings to cite: best first, a few per conversation so one call cannot crowd out the rest.
    static func cited(_ hits: [Hit], limit: Int, perDocument: Int) -> [Hit] {
        var result: [Hit] = []
        result.reserveCapacity(limit)
        for hit in hits {
            // At most `limit` hits are kept, so counting the document's among them is a short scan.
            var already = 0
            for kept in result where kept.document == hit.document { already += 1 }
            guard already < perDocument else { continue }
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
}
