import Essentials

/// Checks a company fixture completely: every file present and valid JSON, every field of the
/// documented shape (Fixtures/README.md), every id unique, every reference resolving. It lists
/// every problem at once with file and JSON path, e.g.
/// `calls.json: [12].dealId "006X" does not match any deal`. Backs `gong-mock fixtures validate DIR`.
public enum CompanyFixtureValidator {
    /// Validates the fixture files in `directory`; an empty result means the fixture loads.
    public static func validate(directory: String) -> [FixtureProblem] {
        let (documents, problems) = CompanyFixtureFiles.read(directory: directory)
        if problems.contains(where: { $0.file == directory }) { return problems }
        return problems + validate(documents: documents, now: 0, filesAlreadyReported: Set(problems.map(\.file))).problems
    }

    /// Decodes and checks parsed documents (file name → JSON); returns the decoder (entities) and
    /// every problem found. Files absent from `documents` are reported missing.
    static func validate(documents: [String: JSONValue], now: Double,
                         filesAlreadyReported: Set<String> = []) -> (decoder: CompanyFixtureDecoder, problems: [FixtureProblem]) {
        let log = FixtureProblemLog()
        for file in CompanyFixtureDecoder.fileNames where documents[file] == nil && !filesAlreadyReported.contains(file) {
            log.report(file, "", "is missing")
        }
        var decoder = CompanyFixtureDecoder(log: log, now: now)
        decoder.decode(documents)
        checkReferences(decoder, log: log)
        return (decoder, log.problems)
    }

    /// The fast path of loading: the small files through `JSONParser` and `CompanyFixtureDecoder`,
    /// calls and e-mails through `ConversationFixtureFastDecoder`, then the same reference checks.
    /// Returns the filled decoder only when every file is present and nothing at all is wrong;
    /// nil sends the caller to `validate(documents:now:)`, which finds and words every problem.
    static func validateFast(files: [(name: String, bytes: [UInt8])], now: Double) -> CompanyFixtureDecoder? {
        let conversations = ["calls.json", "emails.json"]
        var documents: [String: JSONValue] = [:]
        var conversationBytes: [String: [UInt8]] = [:]
        for (name, bytes) in files {
            if conversations.contains(name) {
                conversationBytes[name] = bytes
            } else {
                guard let document = try? JSONParser.parse(bytes) else { return nil }
                documents[name] = document
            }
        }
        guard documents.count + conversationBytes.count == CompanyFixtureDecoder.fileNames.count,
              let callBytes = conversationBytes["calls.json"], let emailBytes = conversationBytes["emails.json"]
        else { return nil }
        let log = FixtureProblemLog()
        var decoder = CompanyFixtureDecoder(log: log, now: now)
        decoder.decode(documents)
        guard log.problems.isEmpty else { return nil }
        let fast = ConversationFixtureFastDecoder(knownUserIDs: decoder.knownUserIDs,
                                                  knownContactIDs: decoder.knownContactIDs, now: now)
        guard let calls = fast.calls(callBytes), let emails = fast.emails(emailBytes) else { return nil }
        decoder.calls = calls.enumerated().map { ($0.offset, $0.element) }
        decoder.emails = emails.enumerated().map { ($0.offset, $0.element) }
        checkReferences(decoder, log: log)
        return log.problems.isEmpty ? decoder : nil
    }

    private static func checkReferences(_ data: CompanyFixtureDecoder, log: FixtureProblemLog) {
        let users = unique(data.users.map { ($0.position, $0.value.id) }, file: "users.json", log: log)
        let accounts = unique(data.accounts.map { ($0.position, $0.value.id) }, file: "accounts.json", log: log)
        let deals = unique(data.deals.map { ($0.position, $0.value.id) }, file: "deals.json", log: log)
        _ = unique(data.contacts.map { ($0.position, $0.value.id) }, file: "contacts.json", log: log)
        _ = unique(data.calls.map { ($0.position, $0.value.id) }, file: "calls.json", log: log)
        _ = unique(data.emails.map { ($0.position, $0.value.id) }, file: "emails.json", log: log)
        let trackers = unique(data.trackers.map { ($0.position, $0.value.id) }, file: "trackers.json", log: log)
        _ = unique(data.briefs.map { ($0.position, $0.value.id) }, file: "briefs.json", log: log)
        _ = unique(data.briefs.map { ($0.position, $0.value.name.lowercased()) }, file: "briefs.json", log: log,
                   field: "name", what: "brief name (case-insensitive)")

        var addresses: [String: String] = [:] // lower-cased e-mail → "users.json [3]"
        for (position, user) in data.users {
            claim(user.email, by: "users.json [\(position)]", file: "users.json", path: "[\(position)].email",
                  in: &addresses, log: log)
            if let manager = user.managerID {
                if manager == user.id {
                    log.report("users.json", "[\(position)].managerId", "must not be the user's own id")
                } else if users[manager] == nil {
                    log.report("users.json", "[\(position)].managerId", "\"\(manager)\" does not match any user")
                }
            }
        }
        for (position, contact) in data.contacts {
            claim(contact.email, by: "contacts.json [\(position)]", file: "contacts.json",
                  path: "[\(position)].email", in: &addresses, log: log)
            refer(contact.accountID, in: accounts, "account", "contacts.json", "[\(position)].accountId", log)
        }
        for (position, account) in data.accounts {
            refer(account.ownerID, in: users, "user", "accounts.json", "[\(position)].ownerId", log)
        }
        var dealAccounts: [String: String] = [:]
        for (position, deal) in data.deals {
            refer(deal.accountID, in: accounts, "account", "deals.json", "[\(position)].accountId", log)
            refer(deal.ownerID, in: users, "user", "deals.json", "[\(position)].ownerId", log)
            if dealAccounts[deal.id] == nil { dealAccounts[deal.id] = deal.accountID }
        }
        for (position, call) in data.calls {
            refer(call.accountID, in: accounts, "account", "calls.json", "[\(position)].accountId", log)
            checkDeal(call.dealID, account: call.accountID, deals: deals, dealAccounts: dealAccounts,
                      file: "calls.json", position: position, log: log)
        }
        for (position, email) in data.emails {
            refer(email.accountID, in: accounts, "account", "emails.json", "[\(position)].accountId", log)
            checkDeal(email.dealID, account: email.accountID, deals: deals, dealAccounts: dealAccounts,
                      file: "emails.json", position: position, log: log)
            let fields = [("from", [email.from])] + [("to", email.to), ("cc", email.cc)]
            for (field, list) in fields {
                for (index, address) in list.enumerated() where addresses[address.lowercased()] == nil {
                    let path = field == "from" ? "[\(position)].from" : "[\(position)].\(field)[\(index)]"
                    log.report("emails.json", path, "\"\(address)\" does not match the email of any user or contact")
                }
            }
        }
        for (position, brief) in data.briefs {
            for (index, section) in brief.sections.enumerated() {
                if case .smartTracker(let tracker) = section.content, trackers[tracker] == nil {
                    log.report("briefs.json", "[\(position)].sections[\(index)].trackerId",
                               "\"\(tracker)\" does not match any tracker")
                }
            }
        }
    }

    /// Reports duplicates and returns id → first position.
    private static func unique(_ ids: [(Int, String)], file: String, log: FixtureProblemLog, field: String = "id",
                               what: String = "id") -> [String: Int] {
        var seen: [String: Int] = [:]
        for (position, id) in ids {
            if let first = seen[id] {
                log.report(file, "[\(position)].\(field)", "duplicates the \(what) \"\(id)\" of [\(first)]")
            } else {
                seen[id] = position
            }
        }
        return seen
    }

    private static func claim(_ email: String, by owner: String, file: String, path: String,
                              in addresses: inout [String: String], log: FixtureProblemLog) {
        let key = email.lowercased()
        if let existing = addresses[key] {
            log.report(file, path, "\"\(email)\" is already the email of \(existing); emails identify people uniquely")
        } else {
            addresses[key] = owner
        }
    }

    private static func refer(_ id: String, in known: [String: Int], _ what: String, _ file: String, _ path: String,
                              _ log: FixtureProblemLog) {
        if known[id] == nil { log.report(file, path, "\"\(id)\" does not match any \(what)") }
    }

    private static func checkDeal(_ dealID: String?, account: String, deals: [String: Int],
                                  dealAccounts: [String: String], file: String, position: Int, log: FixtureProblemLog) {
        guard let dealID else { return }
        guard deals[dealID] != nil else {
            log.report(file, "[\(position)].dealId", "\"\(dealID)\" does not match any deal")
            return
        }
        if let owner = dealAccounts[dealID], owner != account {
            log.report(file, "[\(position)].dealId", "\"\(dealID)\" belongs to account \"\(owner)\", not to accountId \"\(account)\"")
        }
    }
}
