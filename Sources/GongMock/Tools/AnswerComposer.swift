/// Writes the natural-language `answerItems` / `sectionSummary` lines from search results,
/// deterministically: one line per topic that has findings (how many conversations, the most
/// mentioned keywords, the latest quote), an activity line when asked about recent activity, and
/// an explicit "no relevant findings" line when nothing matched, which is still a valid answer.
struct AnswerComposer {
    let data: CompanyData
    let vocabulary: SearchVocabulary
    let renderer: FindingsRenderer

    struct Context {
        let entityName: String
        let periodPhrase: String
        let selection: ConversationSelection
    }

    func items(_ search: FindingSearch, context: Context, activityIntent: Bool, activityFallback: Bool = true) -> [String] {
        let calls = context.selection.callPositions.count
        let emails = context.selection.emailPositions.count
        guard calls + emails > 0 else {
            return ["No calls or emails for \(context.entityName) in \(context.periodPhrase), so there are no findings to report."]
        }
        var items: [String] = []
        if activityIntent { items.append(activity(context.selection)) }
        for (position, topic) in search.topics.enumerated() {
            if let line = topicLine(search, topic: topic, position: position, calls: calls, emails: emails) {
                items.append(line)
            }
        }
        if items.isEmpty {
            let names = search.topics.map(topicName)
            let about = names.isEmpty ? "the question's topic" : names.map { "\"\($0)\"" }.joined(separator: ", ")
            items.append("No relevant findings: none of the \(plural(calls, "call")) and \(plural(emails, "email")) "
                         + "for \(context.entityName) from \(context.periodPhrase) mention \(about).")
            if !activityIntent, activityFallback { items.append(activity(context.selection)) }
        }
        return items
    }

    func topicName(_ topic: FindingSearch.Topic) -> String {
        switch topic {
        case .tracker(let tracker): return vocabulary.trackers[tracker].tracker.name
        case .term(let term): return term
        }
    }

    private func topicLine(_ search: FindingSearch, topic: FindingSearch.Topic, position: Int, calls: Int,
                           emails: Int) -> String? {
        let callHits = search.hits(ofTopic: position, in: search.callHits)
        let emailHits = search.hits(ofTopic: position, in: search.emailHits)
        guard !callHits.isEmpty || !emailHits.isEmpty else { return nil }
        let callCount = Set(callHits.map(\.document)).count
        let emailCount = Set(emailHits.map(\.document)).count
        var text: String
        switch topic {
        case .tracker: text = "\(topicName(topic)): came up in \(callCount) of \(plural(calls, "call"))"
        case .term(let term): text = "\"\(term)\" was mentioned in \(callCount) of \(plural(calls, "call"))"
        }
        text += " and \(emailCount) of \(plural(emails, "email"))."
        if case .tracker = topic {
            var counts: [String: Int] = [:]
            var order: [String] = []
            for hit in callHits + emailHits {
                for pattern in hit.patterns where search.patterns[pattern].topic == position {
                    let label = search.patterns[pattern].label
                    if counts[label] == nil { order.append(label) }
                    counts[label, default: 0] += 1
                }
            }
            let ranked = order.enumerated().sorted { left, right in
                let (a, b) = (counts[left.element] ?? 0, counts[right.element] ?? 0)
                return a != b ? a > b : left.offset < right.offset
            }.prefix(4).map { "\($0.element) (\(counts[$0.element] ?? 0))" }
            if !ranked.isEmpty { text += " Most mentioned: \(ranked.joined(separator: ", "))." }
        }
        if let latest = callHits.min(by: { ($0.document, $0.line) < ($1.document, $1.line) }) {
            let call = data.calls[latest.document]
            let line = data.index.callLines[latest.document][latest.line]
            let who = renderer.speaker(line.speaker)
            let organisation = who.organisation.isEmpty ? "" : " (\(who.organisation))"
            text += " Latest: \(who.name)\(organisation) on \(UTCCalendar.dateString(call.startTime)) in"
                + " \"\(call.title)\": \"\(line.text)\""
        } else if let latest = emailHits.min(by: { ($0.document, $0.line) < ($1.document, $1.line) }) {
            let email = data.emails[latest.document]
            let line = data.index.emailLines[latest.document][latest.line]
            text += " Latest: email \"\(email.subject)\" from \(renderer.name(ofAddress: email.from)) on"
                + " \(UTCCalendar.dateString(email.sentTime)): \"\(line.text)\""
        }
        return text
    }

    /// The most recent call and e-mail of the selection (selections are most recent first).
    func activity(_ selection: ConversationSelection) -> String {
        var parts: [String] = []
        if let position = selection.callPositions.first {
            let call = data.calls[position]
            let people = call.participants.map { renderer.speaker($0).name }.joined(separator: ", ")
            parts.append("the call \"\(call.title)\" on \(UTCCalendar.dateString(call.startTime)) with \(people)")
        }
        if let position = selection.emailPositions.first {
            let email = data.emails[position]
            parts.append("the email \"\(email.subject)\" from \(renderer.name(ofAddress: email.from)) on"
                         + " \(UTCCalendar.dateString(email.sentTime))")
        }
        return "Most recent activity: " + parts.joined(separator: "; ") + "."
    }

    func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
