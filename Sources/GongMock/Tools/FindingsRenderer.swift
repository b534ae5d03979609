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
        let members: [UInt8]

        init(name: String, title: String, isInternal: Bool, organisation: String) {
            self.name = name
            self.title = title
            self.isInternal = isInternal
            self.organisation = organisation
            members = FindingsRenderer.members([("speakerName", .string(name)), ("speakerTitle", .string(title)),
                                                ("speakerAffiliation", .string(isInternal ? "Internal" : "External"))])
        }
    }

    struct CallFacts: Sendable {
        let startDate: String
        /// `{"callId":…,"title":…,"url":…,"startTime":…,"durationSeconds":…,`: the members every
        /// finding of this call shares, serialised once.
        let head: [UInt8]
    }

    struct EmailFacts: Sendable {
        let sentDate: String
        let fromName: String
        /// `{"emailId":…,"subject":…,"sentTime":…,"from":…,"fromName":…,`, serialised once.
        let head: [UInt8]
    }

    let data: CompanyData
    let calls: [CallFacts]
    let emails: [EmailFacts]
    private let speakers: [ParticipantID: Speaker]
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
        calls = data.calls.map { call in
            var head: [UInt8] = [UInt8(ascii: "{")]
            head += FindingsRenderer.members([
                ("callId", .string(call.id)), ("title", .string(call.title)), ("url", .string("https://app.gong.io/call?id=\(call.id)")),
                ("startTime", .string(UTCCalendar.isoString(call.startTime))), ("durationSeconds", .number(Double(call.durationSeconds))),
            ])
            return CallFacts(startDate: UTCCalendar.dateString(call.startTime), head: head)
        }
        emails = data.emails.map { email in
            let fromName = data.user(email: email.from)?.name ?? data.contactByEmail(email.from)?.name ?? email.from
            var head: [UInt8] = [UInt8(ascii: "{")]
            head += FindingsRenderer.members([
                ("emailId", .string(email.id)), ("subject", .string(email.subject)),
                ("sentTime", .string(UTCCalendar.isoString(email.sentTime))), ("from", .string(email.from)), ("fromName", .string(fromName)),
            ])
            return EmailFacts(sentDate: UTCCalendar.dateString(email.sentTime), fromName: fromName, head: head)
        }
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

    private static let quoteKey: [UInt8] = Array(#""quote":"#.utf8)
    private static let timestampKey: [UInt8] = Array(#","timestamp":"#.utf8)
    private static let timestampSecondsKey: [UInt8] = Array(#","timestampSeconds":"#.utf8)
    private static let snippetKey: [UInt8] = Array(#""snippet":"#.utf8)

    /// The cited call findings as a JSON array, written straight to bytes: callId, title, url,
    /// startTime, durationSeconds, speakerName, speakerTitle, speakerAffiliation, quote,
    /// timestamp, timestampSeconds.
    func writeCallFindings(_ search: FindingSearch, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "["))
        for (position, hit) in search.citedCallHits.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            let line = data.index.callLines[hit.document][hit.line]
            output.append(contentsOf: calls[hit.document].head)
            output.append(contentsOf: speaker(line.speaker).members)
            output.append(contentsOf: Self.quoteKey)
            JSONSerializer.writeString(line.text, into: &output)
            output.append(contentsOf: Self.timestampKey)
            JSONSerializer.writeString(FindingsRenderer.timestamp(line.startSeconds), into: &output)
            output.append(contentsOf: Self.timestampSecondsKey)
            JSONSerializer.writeInteger(Int64(line.startSeconds), into: &output)
            output.append(UInt8(ascii: "}"))
        }
        output.append(UInt8(ascii: "]"))
    }

    /// The cited e-mail findings as a JSON array: emailId, subject, sentTime, from, fromName, snippet.
    func writeEmailFindings(_ search: FindingSearch, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "["))
        for (position, hit) in search.citedEmailHits.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: emails[hit.document].head)
            output.append(contentsOf: Self.snippetKey)
            JSONSerializer.writeString(data.index.emailLines[hit.document][hit.line].text, into: &output)
            output.append(UInt8(ascii: "}"))
        }
        output.append(UInt8(ascii: "]"))
    }

    /// The same findings as trees, for answers that are still built as one (`generate_brief`).
    func findings(_ search: FindingSearch) -> (calls: JSONValue, emails: JSONValue) {
        var calls: [UInt8] = [], emails: [UInt8] = []
        writeCallFindings(search, into: &calls)
        writeEmailFindings(search, into: &emails)
        return (EncodedJSON(serialized: calls).value, EncodedJSON(serialized: emails).value)
    }

    /// `m:ss`, or `h:mm:ss` past the hour, as Gong's call player shows positions.
    static func timestamp(_ seconds: Int) -> String {
        let hours = seconds / 3600
        let minutes = seconds % 3600 / 60
        let rest = seconds % 60
        let secondsText = rest < 10 ? "0\(rest)" : "\(rest)"
        if hours > 0 { return "\(hours):\(minutes < 10 ? "0" : "")\(minutes):\(secondsText)" }
        return "\(minutes):\(secondsText)"
    }
}
