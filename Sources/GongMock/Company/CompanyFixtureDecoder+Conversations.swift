import Essentials

extension CompanyFixtureDecoder {
    func decodeCall(_ reader: FixtureObjectReader) -> Call? {
        reader.allowOnly(["id", "title", "start", "durationSeconds", "participants", "accountId", "dealId", "transcript"])
        let id = checkedID(reader, salesforcePrefix: nil)
        let title = reader.string("title")
        let start = reader.relativeTime("start")
        let duration = reader.int("durationSeconds", minimum: 1, maximum: 86_400)
        let account = reader.string("accountId")
        let deal = reader.nullableString("dealId")
        var participants: [ParticipantID] = []
        if let items = reader.array("participants", nonEmpty: true) {
            for (position, item) in items.enumerated() {
                guard let entry = FixtureObjectReader(item, file: reader.file, arrayPath: reader.fieldPath("participants"),
                                                      index: position, log: log)
                else { continue }
                entry.allowOnly(["userId", "contactId"])
                switch (entry.object["userId"]?.stringValue, entry.object["contactId"]?.stringValue) {
                case (let user?, nil):
                    if knownUserIDs.contains(user) { participants.append(.user(user)) } else {
                        entry.report("userId", "\"\(user)\" does not match any user")
                    }
                case (nil, let contact?):
                    if knownContactIDs.contains(contact) { participants.append(.contact(contact)) } else {
                        entry.report("contactId", "\"\(contact)\" does not match any contact")
                    }
                default:
                    log.report(entry.file, entry.path, "must have exactly one of userId or contactId (a string)")
                }
            }
        }
        let transcript = duration.flatMap { decodeTranscript(reader, participants: participants, duration: $0) }
        // Problems inside participants or the transcript are already reported (and block loading);
        // the call is still returned so its account and deal references get checked too.
        guard let id, let title, let start, let duration, let account, deal.valid else { return nil }
        return Call(id: id, title: title, startTime: start.resolve(now: now), durationSeconds: duration,
                    participants: participants, accountID: account, dealID: deal.value, transcript: transcript ?? [])
    }

    private func decodeTranscript(_ reader: FixtureObjectReader, participants: [ParticipantID],
                                  duration: Int) -> [TranscriptMonologue]? {
        // Bad sentences and speakers are reported and skipped; the caller refuses to load anyway.
        guard let items = reader.array("transcript") else { return nil }
        let transcriptPath = reader.fieldPath("transcript")
        var monologues: [TranscriptMonologue] = []
        for (position, item) in items.enumerated() {
            guard let entry = FixtureObjectReader(item, file: reader.file, arrayPath: transcriptPath, index: position,
                                                  log: log)
            else { continue }
            entry.allowOnly(["speakerId", "sentences"])
            var speaker: ParticipantID?
            if let id = entry.string("speakerId") {
                speaker = participants.first { $0.id == id }
                if speaker == nil {
                    entry.report("speakerId", "\"\(id)\" does not match any participant of this call")
                }
            }
            var sentences: [TranscriptSentence] = []
            if let lines = entry.array("sentences", nonEmpty: true) {
                let sentencesPath = entry.fieldPath("sentences")
                sentences.reserveCapacity(lines.count)
                for (index, line) in lines.enumerated() {
                    guard let sentence = FixtureObjectReader(line, file: entry.file, arrayPath: sentencesPath,
                                                             index: index, log: log)
                    else { continue }
                    sentence.allowOnly(["startSeconds", "endSeconds", "text"])
                    let start = sentence.int("startSeconds", minimum: 0, maximum: duration)
                    let end = sentence.int("endSeconds", minimum: 0, maximum: duration)
                    let text = sentence.string("text")
                    if let start, let end, end < start {
                        sentence.report("endSeconds", "must not be before startSeconds (\(start)), got \(end)")
                    }
                    if let start, let end, let text {
                        sentences.append(TranscriptSentence(startSeconds: start, endSeconds: end, text: text))
                    }
                }
            }
            if let speaker { monologues.append(TranscriptMonologue(speaker: speaker, sentences: sentences)) }
        }
        return monologues
    }

    func decodeEmail(_ reader: FixtureObjectReader) -> Email? {
        reader.allowOnly(["id", "sent", "from", "to", "cc", "subject", "body", "accountId", "dealId"])
        let id = reader.string("id")
        let sent = reader.relativeTime("sent")
        let from = email(reader, "from")
        let to = reader.strings("to", nonEmpty: true)
        let cc = reader.strings("cc", optional: true)
        let subject = reader.string("subject")
        let body = reader.string("body")
        let account = reader.string("accountId")
        let deal = reader.nullableString("dealId")
        guard let id, let sent, let from, let to, let cc, let subject, let body, let account, deal.valid else {
            return nil
        }
        return Email(id: id, sentTime: sent.resolve(now: now), from: from, to: to, cc: cc, subject: subject,
                     body: body, accountID: account, dealID: deal.value)
    }

    func decodeTracker(_ reader: FixtureObjectReader) -> Tracker? {
        reader.allowOnly(["id", "name", "category", "keywords", "questionTriggers"])
        let id = reader.string("id")
        let name = reader.string("name")
        let category = reader.choice("category", TrackerCategory.self)
        let keywords = reader.strings("keywords", nonEmpty: true)
        let triggers = reader.strings("questionTriggers", optional: true)
        guard let id, let name, let category, let keywords, let triggers else { return nil }
        return Tracker(id: id, name: name, category: category, keywords: keywords, questionTriggers: triggers)
    }

    func decodeBrief(_ reader: FixtureObjectReader) -> Brief? {
        reader.allowOnly(["id", "name", "published", "entityTypes", "sections"])
        let id = reader.string("id")
        let name = reader.string("name")
        let published = reader.bool("published")
        var entityTypes: [CRMEntityType]?
        if let names = reader.strings("entityTypes", nonEmpty: true) {
            var types: [CRMEntityType] = []
            for (position, text) in names.enumerated() {
                if let type = CRMEntityType(rawValue: text) { types.append(type) } else {
                    log.report(reader.file, "\(reader.fieldPath("entityTypes"))[\(position)]",
                               "must be one of ACCOUNT, DEAL, CONTACT, got \"\(text)\"")
                }
            }
            if types.count == names.count { entityTypes = types }
        }
        var sections: [BriefSection]?
        if let items = reader.array("sections", nonEmpty: true) {
            var decoded: [BriefSection] = []
            for (position, item) in items.enumerated() {
                guard let entry = FixtureObjectReader(item, file: reader.file, arrayPath: reader.fieldPath("sections"),
                                                      index: position, log: log)
                else { continue }
                if let section = decodeSection(entry) { decoded.append(section) }
            }
            if decoded.count == items.count { sections = decoded }
        }
        guard let id, let name, let published, let entityTypes, let sections else { return nil }
        return Brief(id: id, name: name, published: published, entityTypes: entityTypes, sections: sections)
    }

    private func decodeSection(_ entry: FixtureObjectReader) -> BriefSection? {
        let title = entry.string("title")
        guard let type = entry.choice("type", BriefSectionType.self) else { return nil }
        switch type {
        case .openEnded:
            entry.allowOnly(["title", "type", "prompt"])
            guard let title, let prompt = entry.string("prompt") else { return nil }
            return BriefSection(title: title, content: .openEnded(prompt: prompt))
        case .smartTracker:
            entry.allowOnly(["title", "type", "trackerId"])
            guard let title, let tracker = entry.string("trackerId") else { return nil }
            return BriefSection(title: title, content: .smartTracker(trackerID: tracker))
        }
    }
}
