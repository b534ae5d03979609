import Essentials

/// Writes the natural-language `answerItems` / `sectionSummary` lines from search results,
/// deterministically: one line per topic that has findings (how many conversations, the most
/// mentioned keywords, the latest quote), an activity line when asked about recent activity, and
/// an explicit "no relevant findings" line when nothing matched, which is still a valid answer.
///
/// Lines are built as UTF-8 bytes: string interpolation was a sixth of an `ask_account` call
/// (callgrind), and the bytes go straight into the answer.
struct AnswerComposer: Sendable {
    let data: CompanyData
    let vocabulary: SearchVocabulary
    let renderer: FindingsRenderer

    struct Context {
        let entityName: String
        let periodPhrase: String
        let selection: ConversationSelection
    }

    /// Per-topic tallies gathered in one pass over the hits.
    private struct TopicStats {
        var found = false
        /// Distinct calls and e-mails with a hit on the topic.
        var calls = 0
        var emails = 0
        /// Per label slot (`labelSlots`): how often it matched, and when it was first seen (-1: never).
        var labelCounts: [Int] = []
        var labelOrder: [Int] = []
        var labelsSeen = 0
        var latestCall: FindingSearch.Hit?
        var latestEmail: FindingSearch.Hit?
    }

    func items(_ search: FindingSearch, context: Context, activityIntent: Bool, activityFallback: Bool = true) -> [String] {
        itemTexts(search, context: context, activityIntent: activityIntent, activityFallback: activityFallback)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// The lines as UTF-8 text (not yet JSON strings).
    func itemTexts(_ search: FindingSearch, context: Context, activityIntent: Bool, activityFallback: Bool = true) -> [[UInt8]] {
        let calls = context.selection.callPositions.count
        let emails = context.selection.emailPositions.count
        guard calls + emails > 0 else {
            var text = Text()
            text.add("No calls or emails for ", context.entityName, " in ", context.periodPhrase)
            text.add(", so there are no findings to report.")
            return [text.bytes]
        }
        var items: [[UInt8]] = []
        if activityIntent { items.append(activity(context.selection)) }
        let (stats, labelNames) = tally(search)
        var anyFound = false
        for (position, topic) in search.topics.enumerated() where stats[position].found {
            anyFound = true
            items.append(topicLine(topic, stats[position], labelNames: labelNames[position], calls: calls, emails: emails))
        }
        if !anyFound {
            var text = Text()
            text.add("No relevant findings: none of the ")
            text.plural(calls, "call")
            text.add(" and ")
            text.plural(emails, "email")
            text.add(" for ", context.entityName, " from ", context.periodPhrase)
            text.add(" mention ")
            if search.topics.isEmpty { text.add("the question's topic") }
            for (position, topic) in search.topics.enumerated() {
                if position > 0 { text.add(", ") }
                text.add("\"", topicName(topic), "\"")
            }
            text.add(".")
            items.append(text.bytes)
            if !activityIntent, activityFallback { items.append(activity(context.selection)) }
        }
        return items
    }

    private func tally(_ search: FindingSearch) -> (stats: [TopicStats], labelNames: [[String]]) {
        // Labels are counted in per-topic slots (`Pattern.labelSlot`) instead of hashing the
        // label text on every hit; distinct conversations are bits, not sets.
        var stats = [TopicStats](repeating: TopicStats(), count: search.topics.count)
        for topic in stats.indices {
            stats[topic].labelCounts = [Int](repeating: 0, count: search.labelNames[topic].count)
            stats[topic].labelOrder = [Int](repeating: -1, count: search.labelNames[topic].count)
        }
        AnswerComposer.record(search.callHits, bits: search.callPatternBits, of: search, documentCount: data.calls.count,
                              isCall: true, into: &stats)
        AnswerComposer.record(search.emailHits, bits: search.emailPatternBits, of: search, documentCount: data.emails.count,
                              isCall: false, into: &stats)
        return (stats, search.labelNames)
    }

    /// Tallies `hits` into `stats`: a plain loop over the pattern bits (a closure capturing the
    /// tallies paid a dynamic exclusivity check on every access).
    private static func record(_ hits: [FindingSearch.Hit], bits: [UInt64], of search: FindingSearch, documentCount: Int,
                               isCall: Bool, into stats: inout [TopicStats]) {
        guard !hits.isEmpty else { return }
        let words = (documentCount + 63) / 64
        var seen = [UInt64](repeating: 0, count: search.topics.count * words)
        let patterns = search.patterns
        for hit in hits {
            var previousTopic = -1
            // Ascending pattern order: the patterns of one topic come together.
            for offset in 0..<search.wordsPerHit {
                var patternBits = bits[hit.bits + offset]
                while patternBits != 0 {
                    let pattern = patterns[offset << 6 + patternBits.trailingZeroBitCount]
                    patternBits &= patternBits &- 1
                    let topic = pattern.topic
                    stats[topic].found = true
                    let slot = pattern.labelSlot
                    if stats[topic].labelOrder[slot] < 0 {
                        stats[topic].labelOrder[slot] = stats[topic].labelsSeen
                        stats[topic].labelsSeen += 1
                    }
                    stats[topic].labelCounts[slot] += 1
                    // Once per topic per hit.
                    guard topic != previousTopic else { continue }
                    previousTopic = topic
                    let word = topic * words + hit.document >> 6
                    let bit = UInt64(1) << UInt64(hit.document & 63)
                    let isNew = seen[word] & bit == 0
                    seen[word] |= bit
                    if isCall {
                        if isNew { stats[topic].calls += 1 }
                        if stats[topic].latestCall.map({ (hit.document, hit.line) < ($0.document, $0.line) }) ?? true {
                            stats[topic].latestCall = hit
                        }
                    } else {
                        if isNew { stats[topic].emails += 1 }
                        if stats[topic].latestEmail.map({ (hit.document, hit.line) < ($0.document, $0.line) }) ?? true {
                            stats[topic].latestEmail = hit
                        }
                    }
                }
            }
        }
    }

    func topicName(_ topic: FindingSearch.Topic) -> String {
        switch topic {
        case .tracker(let tracker): return vocabulary.trackers[tracker].tracker.name
        case .term(let term): return term
        }
    }

    private func topicLine(_ topic: FindingSearch.Topic, _ stats: TopicStats, labelNames: [String], calls: Int, emails: Int) -> [UInt8] {
        var text = Text()
        switch topic {
        case .tracker: text.add(topicName(topic), ": came up in ")
        case .term(let term): text.add("\"", term, "\" was mentioned in ")
        }
        text.number(stats.calls)
        text.add(" of ")
        text.plural(calls, "call")
        text.add(" and ")
        text.number(stats.emails)
        text.add(" of ")
        text.plural(emails, "email")
        text.add(".")
        if case .tracker = topic {
            let ranked = stats.labelCounts.indices.filter { stats.labelOrder[$0] >= 0 }.sorted { left, right in
                stats.labelCounts[left] != stats.labelCounts[right] ? stats.labelCounts[left] > stats.labelCounts[right]
                                                                    : stats.labelOrder[left] < stats.labelOrder[right]
            }.prefix(4)
            text.add(" Most mentioned: ")
            for (position, slot) in ranked.enumerated() {
                if position > 0 { text.add(", ") }
                text.add(labelNames[slot], " (")
                text.number(stats.labelCounts[slot])
                text.add(")")
            }
            text.add(".")
        }
        if let latest = stats.latestCall {
            let facts = renderer.calls[latest.document]
            let line = renderer.index.callLines[latest.document][latest.line]
            let who = renderer.callSpeaker(document: latest.document, line: latest.line)
            text.add(" Latest: ", who.name)
            if !who.organisation.isEmpty { text.add(" (", who.organisation, ")") }
            text.add(" on ", facts.startDate, " in \"", data.calls[latest.document].title)
            text.add("\": \"", line.text, "\"")
        } else if let latest = stats.latestEmail {
            let facts = renderer.emails[latest.document]
            let line = renderer.index.emailLines[latest.document][latest.line]
            text.add(" Latest: email \"", data.emails[latest.document].subject, "\" from ", facts.fromName)
            text.add(" on ", facts.sentDate, ": \"", line.text)
            text.add("\"")
        }
        return text.bytes
    }

    /// The most recent call and e-mail of the selection (selections are most recent first).
    func activity(_ selection: ConversationSelection) -> [UInt8] {
        var text = Text()
        text.add("Most recent activity: ")
        if let position = selection.callPositions.first {
            let call = data.calls[position]
            text.add("the call \"", call.title, "\" on ", renderer.calls[position].startDate)
            text.add(" with ")
            for (index, participant) in call.participants.enumerated() {
                if index > 0 { text.add(", ") }
                text.add(renderer.speaker(participant).name)
            }
        }
        if let position = selection.emailPositions.first {
            let facts = renderer.emails[position]
            if !selection.callPositions.isEmpty { text.add("; ") }
            text.add("the email \"", data.emails[position].subject, "\" from ", facts.fromName)
            text.add(" on ", facts.sentDate)
        }
        text.add(".")
        return text.bytes
    }

    /// UTF-8 text under construction.
    private struct Text {
        var bytes: [UInt8] = []

        init() { bytes.reserveCapacity(256) }

        mutating func add(_ first: String) { append(first) }

        mutating func add(_ first: String, _ second: String) {
            append(first)
            append(second)
        }

        mutating func add(_ first: String, _ second: String, _ third: String) {
            append(first)
            append(second)
            append(third)
        }

        mutating func add(_ first: String, _ second: String, _ third: String, _ fourth: String) {
            append(first)
            append(second)
            append(third)
            append(fourth)
        }

        private mutating func append(_ part: String) {
            guard !part.isEmpty else { return }
            var part = part
            part.withUTF8 { bytes.append(contentsOf: $0) }
        }

        mutating func number(_ value: Int) { JSONSerializer.writeInteger(Int64(value), into: &bytes) }

        /// "1 call", "3 calls".
        mutating func plural(_ count: Int, _ noun: String) {
            number(count)
            add(" ", noun)
            if count != 1 { add("s") }
        }
    }
}
