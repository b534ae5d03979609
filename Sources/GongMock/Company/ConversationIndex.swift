/// Everything a tool call needs precomputed once (after start-up, see `CompanySearchIndexes`):
/// each entity's conversations (positions in `CompanyData.calls` / `.emails`, so most recent
/// first) and an inverted index from search term to the transcript sentences and e-mail lines
/// that contain it. With it a question costs a few
/// posting-list walks over the entity's conversations instead of a scan of every transcript.
final class ConversationIndex: Sendable {
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
                    let terms = builder.intern(sentence.text)
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
                let terms = builder.intern(text)
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

    /// Splits an e-mail body into lines and sentences (at ". ", "? ", "! " and line breaks), so a
    /// finding quotes one sentence. Works on UTF-8 bytes: grapheme iteration is far slower.
    static func splitLines(_ body: String) -> [String] {
        var result: [String] = []
        let bytes = Array(body.utf8)
        var start = 0
        func emit(_ end: Int) {
            var first = start
            while first < end, bytes[first] == 0x20 || bytes[first] == 0x0D { first += 1 }
            var last = end
            while last > first, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x0D { last -= 1 }
            if last > first { result.append(String(decoding: bytes[first..<last], as: UTF8.self)) }
        }
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == 0x0A {
                emit(index)
                start = index + 1
            } else if byte == 0x20, index > start,
                      bytes[index - 1] == UInt8(ascii: ".") || bytes[index - 1] == UInt8(ascii: "?")
                        || bytes[index - 1] == UInt8(ascii: "!") {
                emit(index)
                start = index + 1
            }
        }
        emit(bytes.count)
        return result
    }

    func termID(_ term: String) -> Int32? { termIDs[term] }
}

/// Interns terms to dense integer ids while the index is built, hashing the tokenizer's bytes
/// directly (FNV-1a, open addressing) so building the index does not create a String per word.
private struct TermTable {
    private var slots = [Int32](repeating: -1, count: 8192)
    private var hashes: [UInt64] = []
    private var starts: [Int] = []
    private var storage: [UInt8] = []
    private(set) var count = 0

    /// Term text → id, for query-time lookups.
    var ids: [String: Int32] {
        var result: [String: Int32] = [:]
        result.reserveCapacity(count)
        for id in 0..<count {
            let end = id + 1 < count ? starts[id + 1] : storage.count
            result[String(decoding: storage[starts[id]..<end], as: UTF8.self)] = Int32(id)
        }
        return result
    }

    mutating func intern(_ text: String) -> [Int32] {
        var result: [Int32] = []
        TextTokenizer.forEachTerm(text) { bytes in result.append(intern(bytes)) }
        return result
    }

    private mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01B3 }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let id = Int(slots[slot])
            if hashes[id] == hash, equals(id, bytes) { return Int32(id) }
            slot = (slot + 1) & mask
        }
        let id = count
        slots[slot] = Int32(id)
        hashes.append(hash)
        starts.append(storage.count)
        storage.append(contentsOf: bytes)
        count += 1
        if count * 2 > slots.count { grow() }
        return Int32(id)
    }

    private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id]
        let end = id + 1 < count ? starts[id + 1] : storage.count
        guard end - start == bytes.count else { return false }
        for offset in 0..<bytes.count where storage[start + offset] != bytes[offset] { return false }
        return true
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for id in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
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
