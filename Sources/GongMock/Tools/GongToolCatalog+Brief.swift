import Essentials

extension GongToolCatalog {
    static let briefArguments = ["briefName", "entityType", "entityId", "timePeriod", "fromDateTime", "toDateTime",
                                 "workspaceId"]

    /// generate_brief: Gong's get-brief API (gong.md §2.1). Each OPEN_ENDED section answers its
    /// prompt over the selected conversations; each SMART_TRACKER section reports its tracker.
    func brief(arguments object: JSONObject, filter: EntityFilter) -> GongToolOutcome {
        var arguments = ToolArguments(object, allowed: GongToolCatalog.briefArguments)
        let briefName = arguments.string("briefName", required: true,
                                         hint: "the name of a published brief, e.g. \"Account overview\"")
        let type = arguments.choice("entityType", CRMEntityType.self)
        let id = arguments.string("entityId", required: true, hint: "the CRM id of the account, deal or contact")
        let (period, from, to) = periodArguments(&arguments)
        if let message = arguments.failureMessage { return .failure(message: message) }
        guard let briefName, let type, let id, let period else { return .failure(message: "Invalid arguments") }

        guard let brief = data.brief(named: briefName), brief.published else {
            return .failure(message: GongToolCatalog.briefNotFound)
        }
        guard brief.entityTypes.contains(type) else {
            let applies = brief.entityTypes.map(\.rawValue).joined(separator: " or ")
            let alternatives = data.briefs.filter { $0.published && $0.entityTypes.contains(type) }.map { "\"\($0.name)\"" }
            let hint = alternatives.isEmpty ? "" : "; published briefs for \(type.rawValue): \(alternatives.joined(separator: ", "))"
            return .failure(message: "Brief \"\(brief.name)\" applies to \(applies) entities, not \(type.rawValue)\(hint)")
        }
        guard let name = entityName(type, id: id, filter: filter) else { return GongToolCatalog.notFound(type, id: id) }

        let selection = selection(type, id: id, filter: filter, period: period, from: from, to: to)
        let context = AnswerComposer.Context(entityName: name, periodPhrase: periodPhrase(period, from: from, to: to),
                                             selection: selection)
        var sections: [JSONValue] = []
        for section in brief.sections {
            let search: FindingSearch
            let summary: [String]
            switch section.content {
            case .openEnded(let prompt):
                let (topics, activityIntent) = topics(forQuestion: prompt, vocabulary: vocabulary)
                search = FindingSearch(topics: topics, vocabulary: vocabulary, data: data, selection: selection)
                summary = composer.items(search, context: context, activityIntent: activityIntent)
            case .smartTracker(let trackerID):
                let topics = vocabulary.trackers.indices.filter { vocabulary.trackers[$0].tracker.id == trackerID }
                search = FindingSearch(topics: topics.map { .tracker($0) }, vocabulary: vocabulary, data: data,
                                       selection: selection)
                summary = composer.items(search, context: context, activityIntent: false, activityFallback: false)
            }
            let findings = composer.renderer.findings(search)
            sections.append([
                "title": .string(section.title),
                "sectionSummary": .array(summary.map { .string($0) }),
                "briefSectionType": "Conversations",
                "sectionType": .string(section.type.rawValue),
                "conversationFindings": ["callFindings": findings.calls, "emailFindings": findings.emails],
            ])
        }
        let openEnded = brief.sections.filter { $0.type == .openEnded }.count
        let structured: JSONValue = [
            "requestId": .string(requestIDs.next()),
            "briefName": .string(brief.name),
            "numOfCallsSearched": .number(Double(selection.callPositions.count)),
            "numOfEmailsSearched": .number(Double(selection.emailPositions.count)),
            "briefSections": .array(sections),
        ]
        return .success(structured: EncodedJSON(structured),
                        usage: selection.usage(in: data, openEndedSections: openEnded,
                                               smartTrackerSections: brief.sections.count - openEnded))
    }
}
