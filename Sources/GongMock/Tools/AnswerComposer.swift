/// Writes the natural-language `answerItems` / `sectionSummary` lines from search results,
/// deterministically: one line per topic that has findings (how many conversations, the most
/// mentioned keywords, the latest quote), an activity line when asked about recent activity, and
/// an explicit "no relevant findings" line when nothing matched, which is still a valid answer.
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
        var calls: Set<Int> = []
        var emails: Set<Int> = []
        /// Per label slot (`labelSlots`): how often it matched, and when it was first seen (-1: never).
        var labelCounts: [Int] = []
        var labelOrder: [Int] = []
        var labelsSeen = 0
        var labelNames: [String] = []
        var latestCall: FindingSearch.Hit?
        var latestEmail: FindingSearch.Hit?
    }

    func items(_ search: FindingSearch, context: Context, activityIntent: Bool, activityFallback: Bool = true) -> [String] {
        let calls = context.selection.callPositions.count
        let emails = context.selection.emailPositions.count
        guard calls + emails > 0 else {
            return ["No calls or emails for \(context.entityName) in \(context.periodPhrase), so there are no findings to report."]
        }
        var items: [String] = []
        if activityIntent { items.append(activity(context.selection)) }
        let stats = tally(search)
        for (position, topic) in search.topics.enumerated() {
            guard let topicStats = stats[position] else { continue }
            items.append(topicLine(topic, topicStats, calls: calls, emails: emails))
        }
        if stats.isEmpty {
            let names = search.topics.map(topicName)
            let about = names.isEmpty ? "the question's topic" : names.map { "\"\($0)\"" }.joined(separator: ", ")
            items.append("No relevant findings: none of the \(plural(calls, "call")) and \(plural(emails, "email")) "
                         + "for \(context.entityName) from \(context.periodPhrase) mention \(about).")
            if !activityIntent, activityFallback { items.append(activity(context.selection)) }
        }
        return items
    }

    private func tally(_ search: FindingSearch) -> [Int: TopicStats] {
        // Mutated in place through array slots: copying a struct of sets out of a dictionary and
        // back would copy its storage on every hit. Labels are counted in per-topic slots
        // (`labelSlots`) instead of hashing the label text on every hit.
        let (labelSlots, labelNames) = FindingSearch.labelSlots(search)
        var stats = [TopicStats](repeating: TopicStats(), count: search.topics.count)
        for topic in stats.indices {
            stats[topic].labelCounts = [Int](repeating: 0, count: labelNames[topic].count)
            stats[topic].labelOrder = [Int](repeating: -1, count: labelNames[topic].count)
        }
        var found = [Bool](repeating: false, count: search.topics.count)
        func record(_ hit: FindingSearch.Hit, isCall: Bool) {
            for (position, pattern) in hit.patterns.enumerated() {
                let topic = search.patterns[pattern].topic
                found[topic] = true
                let slot = labelSlots[pattern]
                if stats[topic].labelOrder[slot] < 0 {
                    stats[topic].labelOrder[slot] = stats[topic].labelsSeen
                    stats[topic].labelsSeen += 1
                }
                stats[topic].labelCounts[slot] += 1
                // Once per topic per hit: skip when an earlier pattern of this hit had the topic.
                guard !hit.patterns[..<position].contains(where: { search.patterns[$0].topic == topic }) else { continue }
                if isCall {
                    stats[topic].calls.insert(hit.document)
                    if stats[topic].latestCall.map({ (hit.document, hit.line) < ($0.document, $0.line) }) ?? true {
                        stats[topic].latestCall = hit
                    }
                } else {
                    stats[topic].emails.insert(hit.document)
                    if stats[topic].latestEmail.map({ (hit.document, hit.line) < ($0.document, $0.line) }) ?? true {
                        stats[topic].latestEmail = hit
                    }
                }
            }
        }
        for hit in search.callHits { record(hit, isCall: true) }
        for hit in search.emailHits { record(hit, isCall: false) }
        var result: [Int: TopicStats] = [:]
        for topic in stats.indices where found[topic] {
            stats[topic].labelNames = labelNames[topic]
            result[topic] = stats[topic]
        }
        return result
    }

    func topicName(_ topic: FindingSearch.Topic) -> String {
        switch topic {
        case .tracker(let tracker): return vocabulary.trackers[tracker].tracker.name
        case .term(let term): return term
        }
    }

    private func topicLine(_ topic: FindingSearch.Topic, _ stats: TopicStats, calls: Int, emails: Int) -> String {
        var text: String
        switch topic {
        case .tracker: text = "\(topicName(topic)): came up in \(stats.calls.count) of \(plural(calls, "call"))"
        case .term(let term): text = "\"\(term)\" was mentioned in \(stats.calls.count) of \(plural(calls, "call"))"
        }
        text += " and \(stats.emails.count) of \(plural(emails, "email"))."
        if case .tracker = topic {
            let ranked = stats.labelCounts.indices.filter { stats.labelOrder[$0] >= 0 }.sorted { left, right in
                stats.labelCounts[left] != stats.labelCounts[right] ? stats.labelCounts[left] > stats.labelCounts[right]
                                                                    : stats.labelOrder[left] < stats.labelOrder[right]
            }.prefix(4).map { "\(stats.labelNames[$0]) (\(stats.labelCounts[$0]))" }
            text += " Most mentioned: \(ranked.joined(separator: ", "))."
        }
        if let latest = stats.latestCall {
            let facts = renderer.calls[latest.document]
            let line = data.index.callLines[latest.document][latest.line]
            let who = renderer.speaker(line.speaker)
            let organisation = who.organisation.isEmpty ? "" : " (\(who.organisation))"
            text += " Latest: \(who.name)\(organisation) on \(facts.startDate) in \"\(data.calls[latest.document].title)\":"
                + " \"\(line.text)\""
        } else if let latest = stats.latestEmail {
            let facts = renderer.emails[latest.document]
            let line = data.index.emailLines[latest.document][latest.line]
            text += " Latest: email \"\(data.emails[latest.document].subject)\" from \(facts.fromName) on"
                + " \(facts.sentDate): \"\(line.text)\""
        }
        return text
    }

    /// The most recent call and e-mail of the selection (selections are most recent first).
    func activity(_ selection: ConversationSelection) -> String {
        var parts: [String] = []
        if let position = selection.callPositions.first {
            let call = data.calls[position]
            let people = call.participants.map { renderer.speaker($0).name }.joined(separator: ", ")
            parts.append("the call \"\(call.title)\" on \(renderer.calls[position].startDate) with \(people)")
        }
        if let position = selection.emailPositions.first {
            let facts = renderer.emails[position]
            parts.append("the email \"\(data.emails[position].subject)\" from \(facts.fromName) on \(facts.sentDate)")
        }
        return "Most recent activity: " + parts.joined(separator: "; ") + "."
    }

    func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
