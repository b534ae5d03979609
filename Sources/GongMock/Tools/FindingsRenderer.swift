import Essentials

/// Renders search hits as Gong-style citations. Gong does not document the inner fields of
/// `callFindings` / `emailFindings` (gong.md §2.1: "details about the calls/emails used and the
/// relevant times in calls"); the mock cites call id, title, link, start, speaker, quote and the
/// time in the call, or e-mail id, subject, sent time, sender and the matching line.
///
/// Built once per catalog: every per-conversation value (ISO times, links, speaker names) is
/// rendered up front so a tool call only assembles objects.
struct FindingsRenderer: Sendable {
    struct Speaker: Sendable {
        let name: String
        let title: String
        let isInternal: Bool
        let organisation: String
        /// `"speakerName":…,"speakerTitle":…,"speakerAffiliation":…,` as cited in a call finding.
        let members: DualJSONWriter.Fragment

        init(name: String, title: String, isInternal: Bool, organisation: String) {
            self.name = name
            self.title = title
            self.isInternal = isInternal
            self.organisation = organisation
            members = DualJSONWriter.Fragment(FindingsRenderer.members([
                ("speakerName", .string(name)), ("speakerTitle", .string(title)),
                ("speakerAffiliation", .string(isInternal ? "Internal" : "External")),
            ]))
        }
    }

    struct CallFacts: Sendable {
        let startDate: String
        /// `{"callId":…,"title":…,"url":…,"startTime":…,"durationSeconds":…,`: the members every
        /// finding of this call shares, serialised once.
        let head: DualJSONWriter.Fragment
        /// Per transcript line: its speaker's position in `speakerList` (-1: unknown) and whether
        /// its text needs no JSON escaping, so citing it is a lookup and a copy.
        let lines: [LineFacts]
    }

    struct LineFacts: Sendable {
        let speaker: Int32
        let isPlain: Bool
    }

    struct EmailFacts: Sendable {
        let sentDate: String
        let fromName: String
        /// `{"emailId":…,"subject":…,"sentTime":…,"from":…,"fromName":…,`, serialised once.
        let head: DualJSONWriter.Fragment
        /// Per line: whether its text needs no JSON escaping.
        let plainLines: [Bool]
    }

    let data: CompanyData
    /// The company's conversation index (read once here, not through `data` on every citation).
    let index: ConversationIndex
    let calls: [CallFacts]
    let emails: [EmailFacts]
    private let speakers: [ParticipantID: Speaker]
    private let speakerList: [Speaker]
    private static let unknown = Speaker(name: "Unknown speaker", title: "", isInternal: false, organisation: "")

    init(data: CompanyData) {
        self.data = data
        var speakers: [ParticipantID: Speaker] = [:]
        for user in data.users {
            speakers[.user(user.id)] = Speaker(name: user.name, title: user.title, isInternal: true,
                                               organisation: data.company.name)
        }
        for contact in data.contacts {
            speakers[.contact(contact.id)] = Speaker(name: contact.name, title: contact.title, isInternal: false,
                                                     organisation: data.account(id: contact.accountID)?.name ?? "")
        }
        self.speakers = speakers
        let index = data.index
        self.index = index
        var speakerList: [Speaker] = []
        var speakerPositions: [ParticipantID: Int32] = [:]
        calls = data.calls.enumerated().map { position, call in
            var head: [UInt8] = [UInt8(ascii: "{")]
            head += FindingsRenderer.members([
                ("callId", .string(call.id)), ("title", .string(call.title)), ("url", .string("https://app.gong.io/call?id=\(call.id)")),
                ("startTime", .string(UTCCalendar.isoString(call.startTime))), ("durationSeconds", .number(Double(call.durationSeconds))),
            ])
            let lines = index.callLines[position].map { line -> LineFacts in
                var speaker: Int32 = -1
                if let participant = line.speaker, let known = speakers[participant] {
                    if let existing = speakerPositions[participant] {
                        speaker = existing
                    } else {
                        speaker = Int32(speakerList.count)
                        speakerPositions[participant] = speaker
                        speakerList.append(known)
                    }
                }
                return LineFacts(speaker: speaker, isPlain: FindingsRenderer.isPlain(line.text))
            }
            return CallFacts(startDate: UTCCalendar.dateString(call.startTime), head: DualJSONWriter.Fragment(head), lines: lines)
        }
        self.speakerList = speakerList
        emails = data.emails.enumerated().map { position, email in
            let fromName = data.user(email: email.from)?.name ?? data.contactByEmail(email.from)?.name ?? email.from
            var head: [UInt8] = [UInt8(ascii: "{")]
            head += FindingsRenderer.members([
                ("emailId", .string(email.id)), ("subject", .string(email.subject)),
                ("sentTime", .string(UTCCalendar.isoString(email.sentTime))), ("from", .string(email.from)), ("fromName", .string(fromName)),
            ])
            return EmailFacts(sentDate: UTCCalendar.dateString(email.sentTime), fromName: fromName, head: DualJSONWriter.Fragment(head),
                              plainLines: index.emailLines[position].map { FindingsRenderer.isPlain($0.text) })
        }
    }

    private static func isPlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { JSONSerializer.isPlainStringContent(utf8: $0) }
    }

    /// `"key":value,` for each member, as `JSONSerializer` writes them.
    private static func members(_ members: [(String, JSONValue)]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (key, value) in members {
            JSONSerializer.writeString(key, into: &bytes)
            bytes.append(UInt8(ascii: ":"))
            JSONSerializer.write(value, into: &bytes)
            bytes.append(UInt8(ascii: ","))
        }
        return bytes
    }

    func speaker(_ participant: ParticipantID?) -> Speaker {
        participant.flatMap { speakers[$0] } ?? FindingsRenderer.unknown
    }

    /// The cited members of a transcript line's speaker (no `Speaker` copied out).
    private func callSpeakerMembers(document: Int, line: Int) -> DualJSONWriter.Fragment {
        let position = calls[document].lines[line].speaker
        return position >= 0 ? speakerList[Int(position)].members : FindingsRenderer.unknown.members
    }

    /// The speaker of a transcript line, without hashing the participant.
    func callSpeaker(document: Int, line: Int) -> Speaker {
        let position = calls[document].lines[line].speaker
        return position >= 0 ? speakerList[Int(position)] : FindingsRenderer.unknown
    }

    private static let quoteKey = DualJSONWriter.Fragment(#""quote":"#)
    private static let timestampKey = DualJSONWriter.Fragment(#","timestamp":""#)
    private static let timestampSecondsKey = DualJSONWriter.Fragment(#"","timestampSeconds":"#)
    private static let snippetKey = DualJSONWriter.Fragment(#""snippet":"#)

    /// The cited call findings as a JSON array, written straight to bytes: callId, title, url,
    /// startTime, durationSeconds, speakerName, speakerTitle, speakerAffiliation, quote,
    /// timestamp, timestampSeconds.
    func writeCallFindings(_ search: FindingSearch, into output: inout DualJSONWriter) {
        output.append(UInt8(ascii: "["))
        for (position, hit) in search.citedCallHits.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            let line = index.callLines[hit.document][hit.line]
            output.append(calls[hit.document].head)
            output.append(callSpeakerMembers(document: hit.document, line: hit.line))
            output.append(Self.quoteKey)
            write(line.text, isPlain: calls[hit.document].lines[hit.line].isPlain, into: &output)
            output.append(Self.timestampKey)
            FindingsRenderer.writeTimestamp(line.startSeconds, into: &output)
        }
        output.append(UInt8(ascii: "]"))
    }

    /// The cited e-mail findings as a JSON array: emailId, subject, sentTime, from, fromName, snippet.
    func writeEmailFindings(_ search: FindingSearch, into output: inout DualJSONWriter) {
        output.append(UInt8(ascii: "["))
        for (position, hit) in search.citedEmailHits.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            let facts = emails[hit.document]
            output.append(facts.head)
            output.append(Self.snippetKey)
            write(index.emailLines[hit.document][hit.line].text, isPlain: facts.plainLines[hit.line], into: &output)
            output.append(UInt8(ascii: "}"))
        }
        output.append(UInt8(ascii: "]"))
    }

    private func write(_ text: String, isPlain: Bool, into output: inout DualJSONWriter) {
        var text = text
        text.withUTF8 { bytes in
            if isPlain {
                output.appendPlainString(utf8: bytes)
            } else {
                output.appendString(utf8: bytes)
            }
        }
    }

    /// The same findings as trees, for answers that are still built as one (`generate_brief`).
    func findings(_ search: FindingSearch) -> (calls: JSONValue, emails: JSONValue) {
        var calls = DualJSONWriter(writesText: false), emails = DualJSONWriter(writesText: false)
        writeCallFindings(search, into: &calls)
        writeEmailFindings(search, into: &emails)
        return (calls.document.value, emails.document.value)
    }

    /// The position in the call as Gong's call player shows it (`m:ss`, or `h:mm:ss` past the
    /// hour) and the `timestampSeconds` member after it: digits and `:` need no escaping, so
    /// they are written once and copied to the text.
    static func writeTimestamp(_ seconds: Int, into output: inout DualJSONWriter) {
        guard seconds >= 0, seconds < 1_000_000_000 else {
            // Out of any real call's range: the general integer writer handles the sign and width.
            let (hours, minutes, rest) = (seconds / 3600, seconds % 3600 / 60, seconds % 60)
            output.appendASCII { bytes in
                if hours > 0 {
                    JSONSerializer.writeInteger(Int64(hours), into: &bytes)
                    bytes.append(UInt8(ascii: ":"))
                    if minutes < 10 { bytes.append(UInt8(ascii: "0")) }
                }
                JSONSerializer.writeInteger(Int64(minutes), into: &bytes)
                bytes.append(UInt8(ascii: ":"))
                if rest < 10 { bytes.append(UInt8(ascii: "0")) }
                JSONSerializer.writeInteger(Int64(rest), into: &bytes)
            }
            output.append(timestampSecondsKey)
            output.appendInteger(seconds)
            output.append(UInt8(ascii: "}"))
            return
        }
        let hours = seconds / 3600
        let minutes = seconds % 3600 / 60
        let rest = seconds % 60
        // Digits right to left into a small stack buffer: no array, no closure per number.
        var digits: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var end = buffer.count
            put(UInt8(ascii: "0") + UInt8(rest % 10), buffer, &end)
            put(UInt8(ascii: "0") + UInt8(rest / 10), buffer, &end)
            put(UInt8(ascii: ":"), buffer, &end)
            putDigits(minutes, buffer, &end)
            if hours > 0 {
                if minutes < 10 { put(UInt8(ascii: "0"), buffer, &end) }
                put(UInt8(ascii: ":"), buffer, &end)
                putDigits(hours, buffer, &end)
            }
            output.appendASCII(UnsafeRawBufferPointer(rebasing: buffer[end...]).assumingMemoryBound(to: UInt8.self))
        }
        output.append(timestampSecondsKey)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var end = buffer.count
            put(UInt8(ascii: "}"), buffer, &end)
            putDigits(seconds, buffer, &end)
            output.appendASCII(UnsafeRawBufferPointer(rebasing: buffer[end...]).assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Writes `byte` just before `end` and moves `end` onto it.
    @inline(__always)
    private static func put(_ byte: UInt8, _ buffer: UnsafeMutableRawBufferPointer, _ end: inout Int) {
        end -= 1
        buffer[end] = byte
    }

    /// Writes the decimal digits of `value` (not negative) just before `end`.
    @inline(__always)
    private static func putDigits(_ value: Int, _ buffer: UnsafeMutableRawBufferPointer, _ end: inout Int) {
        var value = value
        repeat {
            put(UInt8(ascii: "0") + UInt8(value % 10), buffer, &end)
            value /= 10
        } while value > 0
    }
}
