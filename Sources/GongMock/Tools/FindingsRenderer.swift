import Essentials

/// Renders search hits as Gong-style citations. Gong does not document the inner fields of
/// `callFindings` / `emailFindings` (gong.md §2.1: "details about the calls/emails used and the
/// relevant times in calls"); the mock cites call id, title, link, start, speaker, quote and the
/// time in the call, or e-mail id, subject, sent time, sender and the matching line.
struct FindingsRenderer {
    let data: CompanyData

    struct Speaker {
        let name: String
        let title: String
        let isInternal: Bool
        let organisation: String
    }

    func speaker(_ participant: ParticipantID?) -> Speaker {
        switch participant {
        case .user(let id)?:
            if let user = data.user(id: id) {
                return Speaker(name: user.name, title: user.title, isInternal: true, organisation: data.company.name)
            }
        case .contact(let id)?:
            if let contact = data.contact(id: id) {
                let organisation = data.account(id: contact.accountID)?.name ?? ""
                return Speaker(name: contact.name, title: contact.title, isInternal: false, organisation: organisation)
            }
        case nil: break
        }
        return Speaker(name: "Unknown speaker", title: "", isInternal: false, organisation: "")
    }

    /// Display name behind an e-mail address (the address itself when nobody matches).
    func name(ofAddress address: String) -> String {
        data.user(email: address)?.name ?? data.contactByEmail(address)?.name ?? address
    }

    func callFinding(_ hit: FindingSearch.Hit) -> JSONValue {
        let call = data.calls[hit.document]
        let line = data.index.callLines[hit.document][hit.line]
        let who = speaker(line.speaker)
        return [
            "callId": .string(call.id),
            "title": .string(call.title),
            "url": .string("https://app.gong.io/call?id=\(call.id)"),
            "startTime": .string(UTCCalendar.isoString(call.startTime)),
            "durationSeconds": .number(Double(call.durationSeconds)),
            "speakerName": .string(who.name),
            "speakerTitle": .string(who.title),
            "speakerAffiliation": .string(who.isInternal ? "Internal" : "External"),
            "quote": .string(line.text),
            "timestamp": .string(FindingsRenderer.timestamp(line.startSeconds)),
            "timestampSeconds": .number(Double(line.startSeconds)),
        ]
    }

    func emailFinding(_ hit: FindingSearch.Hit) -> JSONValue {
        let email = data.emails[hit.document]
        let line = data.index.emailLines[hit.document][hit.line]
        return [
            "emailId": .string(email.id),
            "subject": .string(email.subject),
            "sentTime": .string(UTCCalendar.isoString(email.sentTime)),
            "from": .string(email.from),
            "fromName": .string(name(ofAddress: email.from)),
            "snippet": .string(line.text),
        ]
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
