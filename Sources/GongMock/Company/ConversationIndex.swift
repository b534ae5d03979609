/// Everything a tool call needs precomputed at load: each entity's conversations (positions in
/// `CompanyData.calls` / `.emails`, so most recent first) and an inverted index from search term
/// to the transcript sentences and e-mail lines that contain it. With it a question costs a few
/// posting-list walks over the entity's conversations instead of a scan of every transcript.
struct ConversationIndex: Sendable {
    /// A searchable line: a transcript sentence or an e-mail line (subject = line 0).
    struct Line: Sendable {
        let text: String
        let terms: [Int32]
        /// Position of the speaker in `CompanyData.calls[i].transcript` order (calls only).
        let speaker: ParticipantID?
        let startSeconds: Int
    }

    struct Posting: Sendable {
        let document: Int32
        let line: Int32
    }

    let callLines: [[Line]]
    let emailLines: [[Line]]
    let termIDs: [String: Int32]
    let callPostings: [[Posting]]
    let emailPostings: [[Posting]]

    let callsByAccount: [String: [Int]]
    let callsByDeal: [String: [Int]]
    let callsByContact: [String: [Int]]
    let emailsByAccount: [String: [Int]]
    let emailsByDeal: [String: [Int]]
    let emailsByContact: [String: [Int]]
    /// Per e-mail: the user ids and contact ids behind its from/to/cc addresses.
    let emailUserIDs: [[String]]
    let emailContactIDs: [[String]]

    init(calls: [Call], emails: [Email], deals: [Deal], contacts: [Contact], usersByEmail: [String: Int],
         contactsByEmail: [String: Int], userIDs: [String], contactIDs: [String]) {
        var builder = TermTable()
        var callLines: [[Line]] = []
        callLines.reserveCapacity(calls.count)
        var callPostings: [[Posting]] = []
        for (position, call) in calls.enumerated() {
            var lines: [Line] = []
            for monologue in call.transcript {
                for sentence in monologue.sentences {
                    let terms = builder.intern(TextTokenizer.terms(sentence.text))
                    builder.post(terms, document: position, line: lines.count, into: &callPostings)
                    lines.append(Line(text: sentence.text, terms: terms, speaker: monologue.speaker,
                                      startSeconds: sentence.startSeconds))
                }
            }
            callLines.append(lines)
        }
        var emailLines: [[Line]] = []
        emailLines.reserveCapacity(emails.count)
        var emailPostings: [[Posting]] = []
        for (position, email) in emails.enumerated() {
            var lines: [Line] = []
            for text in [email.subject] + ConversationIndex.splitLines(email.body) {
                let terms = builder.intern(TextTokenizer.terms(text))
                builder.post(terms, document: position, line: lines.count, into: &emailPostings)
                lines.append(Line(text: text, terms: terms, speaker: nil, startSeconds: 0))
            }
            emailLines.append(lines)
        }
        callPostings.append(contentsOf: Array(repeating: [], count: max(0, builder.count - callPostings.count)))
        emailPostings.append(contentsOf: Array(repeating: [], count: max(0, builder.count - emailPostings.count)))
        self.callLines = callLines
        self.emailLines = emailLines
        self.callPostings = callPostings
        self.emailPostings = emailPostings
        termIDs = builder.ids

        var dealAccount: [String: String] = [:]
        for deal in deals { dealAccount[deal.id] = deal.accountID }
        var contactAccount: [String: String] = [:]
        for contact in contacts { contactAccount[contact.id] = contact.accountID }

        var callsByAccount: [String: [Int]] = [:]
        var callsByDeal: [String: [Int]] = [:]
        var callsByContact: [String: [Int]] = [:]
        for (position, call) in calls.enumerated() {
            var accounts: Set<String> = [call.accountID]
            if let dealID = call.dealID {
                callsByDeal[dealID, default: []].append(position)
                if let account = dealAccount[dealID] { accounts.insert(account) }
            }
            for case .contact(let contactID) in Set(call.participants) {
                callsByContact[contactID, default: []].append(position)
                if let account = contactAccount[contactID] { accounts.insert(account) }
            }
            for account in accounts { callsByAccount[account, default: []].append(position) }
        }

        var emailsByAccount: [String: [Int]] = [:]
        var emailsByDeal: [String: [Int]] = [:]
        var emailsByContact: [String: [Int]] = [:]
        var emailUserIDs: [[String]] = []
        var emailContactIDs: [[String]] = []
        for (position, email) in emails.enumerated() {
            var accounts: Set<String> = [email.accountID]
            if let dealID = email.dealID {
                emailsByDeal[dealID, default: []].append(position)
                if let account = dealAccount[dealID] { accounts.insert(account) }
            }
            var userIDsHere: [String] = []
            var contactIDsHere: [String] = []
            for address in [email.from] + email.to + email.cc {
                let key = address.lowercased()
                if let contact = contactsByEmail[key] {
                    let contactID = contactIDs[contact]
                    if !contactIDsHere.contains(contactID) { contactIDsHere.append(contactID) }
                } else if let user = usersByEmail[key], !userIDsHere.contains(userIDs[user]) {
                    userIDsHere.append(userIDs[user])
                }
            }
            for contactID in contactIDsHere {
                emailsByContact[contactID, default: []].append(position)
                if let account = contactAccount[contactID] { accounts.insert(account) }
            }
            for account in accounts { emailsByAccount[account, default: []].append(position) }
            emailUserIDs.append(userIDsHere)
            emailContactIDs.append(contactIDsHere)
        }
        self.callsByAccount = callsByAccount
        self.callsByDeal = callsByDeal
        self.callsByContact = callsByContact
        self.emailsByAccount = emailsByAccount
        self.emailsByDeal = emailsByDeal
        self.emailsByContact = emailsByContact
        self.emailUserIDs = emailUserIDs
        self.emailContactIDs = emailContactIDs
    }

    /// Splits an e-mail body into lines and sentences, so a finding quotes one sentence.
    static func splitLines(_ body: String) -> [String] {
        var result: [String] = []
        for paragraph in body.split(whereSeparator: { $0 == "\n" }) {
            var sentence = ""
            var previous: Character = " "
            for character in paragraph {
                if character == " ", previous == "." || previous == "?" || previous == "!" {
                    appendTrimmed(sentence, to: &result)
                    sentence = ""
                } else {
                    sentence.append(character)
                }
                previous = character
            }
            appendTrimmed(sentence, to: &result)
        }
        return result
    }

    private static func appendTrimmed(_ text: String, to result: inout [String]) {
        let trimmed = text.drop(while: { $0 == " " })
        if !trimmed.isEmpty { result.append(String(trimmed)) }
    }

    func termID(_ term: String) -> Int32? { termIDs[term] }
}

/// Interns terms to dense integer ids while the index is built.
private struct TermTable {
    var ids: [String: Int32] = [:]
    var count: Int { ids.count }

    mutating func intern(_ terms: [String]) -> [Int32] {
        terms.map { term in
            if let id = ids[term] { return id }
            let id = Int32(ids.count)
            ids[term] = id
            return id
        }
    }

    func post(_ terms: [Int32], document: Int, line: Int, into postings: inout [[ConversationIndex.Posting]]) {
        for (offset, term) in terms.enumerated() where !terms[..<offset].contains(term) {
            let slot = Int(term)
            if slot >= postings.count {
                postings.append(contentsOf: Array(repeating: [], count: slot - postings.count + 1))
            }
            postings[slot].append(ConversationIndex.Posting(document: Int32(document), line: Int32(line)))
        }
    }
}
