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
    }

    struct CallFacts: Sendable {
        let id: JSONValue
        let title: JSONValue
        let url: JSONValue
        let startTime: JSONValue
        let startDate: String
        let duration: JSONValue
    }

    struct EmailFacts: Sendable {
        let id: JSONValue
        let subject: JSONValue
        let sentTime: JSONValue
        let sentDate: String
        let from: JSONValue
        let fromName: String
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
            CallFacts(id: .string(call.id), title: .string(call.title),
                      url: .string("https://app.gong.io/call?id=\(call.id)"),
                      startTime: .string(UTCCalendar.isoString(call.startTime)),
                      startDate: UTCCalendar.dateString(call.startTime), duration: .number(Double(call.durationSeconds)))
        }
        emails = data.emails.map { email in
            EmailFacts(id: .string(email.id), subject: .string(email.subject),
                       sentTime: .string(UTCCalendar.isoString(email.sentTime)),
                       sentDate: UTCCalendar.dateString(email.sentTime), from: .string(email.from),
                       fromName: data.user(email: email.from)?.name ?? data.contactByEmail(email.from)?.name ?? email.from)
        }
    }

    func speaker(_ participant: ParticipantID?) -> Speaker {
        participant.flatMap { speakers[$0] } ?? FindingsRenderer.unknown
    }

    func callFinding(_ hit: FindingSearch.Hit) -> JSONValue {
        let facts = calls[hit.document]
        let line = data.index.callLines[hit.document][hit.line]
        let who = speaker(line.speaker)
        return .object(JSONObject(distinctKeys: [
            ("callId", facts.id), ("title", facts.title), ("url", facts.url), ("startTime", facts.startTime),
            ("durationSeconds", facts.duration), ("speakerName", .string(who.name)),
            ("speakerTitle", .string(who.title)), ("speakerAffiliation", .string(who.isInternal ? "Internal" : "External")),
            ("quote", .string(line.text)), ("timestamp", .string(FindingsRenderer.timestamp(line.startSeconds))),
            ("timestampSeconds", .number(Double(line.startSeconds))),
        ]))
    }

    func emailFinding(_ hit: FindingSearch.Hit) -> JSONValue {
        let facts = emails[hit.document]
        let line = data.index.emailLines[hit.document][hit.line]
        return .object(JSONObject(distinctKeys: [
            ("emailId", facts.id), ("subject", facts.subject), ("sentTime", facts.sentTime), ("from", facts.from),
            ("fromName", .string(facts.fromName)), ("snippet", .string(line.text)),
        ]))
    }

    func findings(_ search: FindingSearch) -> (calls: JSONValue, emails: JSONValue) {
        (.array(search.citedCallHits.map(callFinding)), .array(search.citedEmailHits.map(emailFinding)))
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
