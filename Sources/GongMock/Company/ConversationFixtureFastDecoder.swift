/// Decodes calls.json and emails.json (nine tenths of the fixture's bytes) straight from their
/// bytes into entities, without building a `JSONValue` tree first: that tree, its per-object
/// key index and its deallocation were most of the server's start-up time.
///
/// It accepts only files that `CompanyFixtureDecoder` would decode without a single problem, with
/// the same rules (Fixtures/README.md), and answers nil as soon as anything is off, unusual or
/// merely unexpected (member order, escapes, number forms). The loader then decodes the file the
/// general way, which reports the problems precisely; a nil here never becomes an error itself.
struct ConversationFixtureFastDecoder {
    let knownUserIDs: Set<String>
    let knownContactIDs: Set<String>
    /// "Now" for resolving relative times, as in `CompanyFixtureDecoder`.
    let now: Double

    func calls(_ bytes: [UInt8]) -> [Call]? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = FixtureByteReader(buffer)
            var calls: [Call] = []
            let complete = reader.array { reader in
                guard let call = call(&reader) else { return false }
                calls.append(call)
                return true
            }
            return complete && reader.atEnd() ? calls : nil
        }
    }

    func emails(_ bytes: [UInt8]) -> [Email]? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = FixtureByteReader(buffer)
            var emails: [Email] = []
            let complete = reader.array { reader in
                guard let email = email(&reader) else { return false }
                emails.append(email)
                return true
            }
            return complete && reader.atEnd() ? emails : nil
        }
    }

    private static let callKeys: [StaticString] = ["id", "title", "start", "durationSeconds", "participants",
                                                   "accountId", "dealId", "transcript"]

    private func call(_ reader: inout FixtureByteReader) -> Call? {
        var id: String?, title: String?, start: RelativeTime?, duration: Int?, account: String?
        var deal: String?
        var participants: [ParticipantID]?
        var transcript: [TranscriptMonologue]?
        let complete = reader.object(keys: Self.callKeys) { reader, key in
            switch key {
            case 0:
                id = reader.nonEmptyString()
                return id.map(CompanyFixtureDecoder.isNumericID) ?? false
            case 1:
                title = reader.nonEmptyString()
                return title != nil
            case 2:
                start = relativeTime(&reader)
                return start != nil
            case 3:
                duration = reader.int().flatMap { (1...86_400).contains($0) ? $0 : nil }
                return duration != nil
            case 4:
                participants = self.participants(&reader)
                return participants != nil
            case 5:
                account = reader.nonEmptyString()
                return account != nil
            case 6:
                return nullableString(&reader, into: &deal)
            default:
                // The transcript is checked against the duration and participants: they come first.
                guard let duration, let participants else { return false }
                transcript = self.transcript(&reader, participants: participants, duration: duration)
                return transcript != nil
            }
        }
        guard complete, let id, let title, let start, let duration, let participants, let account, let transcript else {
            return nil
        }
        return Call(id: id, title: title, startTime: start.resolve(now: now), durationSeconds: duration,
                    participants: participants, accountID: account, dealID: deal, transcript: transcript)
    }

    private static let participantKeys: [StaticString] = ["userId", "contactId"]

    private func participants(_ reader: inout FixtureByteReader) -> [ParticipantID]? {
        var participants: [ParticipantID] = []
        let complete = reader.array { reader in
            var participant: ParticipantID?
            let complete = reader.object(keys: Self.participantKeys) { reader, key in
                guard participant == nil, let id = reader.string() else { return false }
                participant = key == 0 ? .user(id) : .contact(id)
                return key == 0 ? knownUserIDs.contains(id) : knownContactIDs.contains(id)
            }
            guard complete, let participant else { return false }
            participants.append(participant)
            return true
        }
        return complete && !participants.isEmpty ? participants : nil
    }

    private static let monologueKeys: [StaticString] = ["speakerId", "sentences"]
    private static let sentenceKeys: [StaticString] = ["startSeconds", "endSeconds", "text"]

    private func transcript(_ reader: inout FixtureByteReader, participants: [ParticipantID],
                            duration: Int) -> [TranscriptMonologue]? {
        var monologues: [TranscriptMonologue] = []
        let complete = reader.array { reader in
            var speaker: ParticipantID?
            var sentences: [TranscriptSentence] = []
            let complete = reader.object(keys: Self.monologueKeys) { reader, key in
                if key == 0 {
                    guard let id = reader.nonEmptyString() else { return false }
                    speaker = participants.first { $0.id == id }
                    return speaker != nil
                }
                return reader.array { reader in
                    guard let sentence = self.sentence(&reader, duration: duration) else { return false }
                    sentences.append(sentence)
                    return true
                } && !sentences.isEmpty
            }
            guard complete, let speaker, !sentences.isEmpty else { return false }
            monologues.append(TranscriptMonologue(speaker: speaker, sentences: sentences))
            return true
        }
        return complete ? monologues : nil
    }

    private func sentence(_ reader: inout FixtureByteReader, duration: Int) -> TranscriptSentence? {
        var start: Int?, end: Int?, text: String?
        let complete = reader.object(keys: Self.sentenceKeys) { reader, key in
            switch key {
            case 0:
                start = reader.int().flatMap { (0...duration).contains($0) ? $0 : nil }
                return start != nil
            case 1:
                end = reader.int().flatMap { (0...duration).contains($0) ? $0 : nil }
                return end != nil
            default:
                text = reader.nonEmptyString()
                return text != nil
            }
        }
        guard complete, let start, let end, let text, end >= start else { return nil }
        return TranscriptSentence(startSeconds: start, endSeconds: end, text: text)
    }

    private static let emailKeys: [StaticString] = ["id", "sent", "from", "to", "cc", "subject", "body",
                                                    "accountId", "dealId"]

    private func email(_ reader: inout FixtureByteReader) -> Email? {
        var id: String?, sent: RelativeTime?, from: String?, to: [String]?, subject: String?, body: String?
        var account: String?, deal: String?
        var cc: [String] = []
        let complete = reader.object(keys: Self.emailKeys) { reader, key in
            switch key {
            case 0:
                id = reader.nonEmptyString()
                return id != nil
            case 1:
                sent = relativeTime(&reader)
                return sent != nil
            case 2:
                from = reader.nonEmptyString()
                return from.map(CompanyFixtureDecoder.isEmailAddress) ?? false
            case 3:
                to = strings(&reader)
                return !(to?.isEmpty ?? true)
            case 4:
                guard let list = strings(&reader) else { return false }
                cc = list
                return true
            case 5:
                subject = reader.nonEmptyString()
                return subject != nil
            case 6:
                body = reader.nonEmptyString()
                return body != nil
            case 7:
                account = reader.nonEmptyString()
                return account != nil
            default:
                return nullableString(&reader, into: &deal)
            }
        }
        guard complete, let id, let sent, let from, let to, let subject, let body, let account else { return nil }
        return Email(id: id, sentTime: sent.resolve(now: now), from: from, to: to, cc: cc, subject: subject,
                     body: body, accountID: account, dealID: deal)
    }

    private func strings(_ reader: inout FixtureByteReader) -> [String]? {
        var result: [String] = []
        let complete = reader.array { reader in
            guard let text = reader.nonEmptyString() else { return false }
            result.append(text)
            return true
        }
        return complete ? result : nil
    }

    /// A non-empty string or null (what `FixtureObjectReader.nullableString` accepts).
    private func nullableString(_ reader: inout FixtureByteReader, into value: inout String?) -> Bool {
        if reader.nextIsNull() { return reader.null() }
        value = reader.nonEmptyString()
        return value != nil
    }

    private static let relativeTimeKeys: [StaticString] = ["daysAgo", "time"]

    /// `{"daysAgo": n, "time": "HH:MM"}`, as `FixtureObjectReader.relativeTime` reads it.
    private func relativeTime(_ reader: inout FixtureByteReader) -> RelativeTime? {
        var days: Int?, seconds: Int?
        let complete = reader.object(keys: Self.relativeTimeKeys) { reader, key in
            if key == 0 {
                days = reader.int().flatMap { (1...3650).contains($0) ? $0 : nil }
                return days != nil
            }
            seconds = reader.nonEmptyString().flatMap(RelativeTime.secondsOfDay)
            return seconds != nil
        }
        guard complete, let days, let seconds else { return nil }
        return RelativeTime(daysAgo: days, secondsOfDay: seconds)
    }
}
