import Essentials

/// Turns the parsed fixture files into entities, reporting every shape problem (missing field,
/// wrong kind, bad enum value, unknown field) with its file and path. Reference checks (does this
/// `dealId` exist?) come afterwards, in `CompanyFixtureValidator`, over what decoded cleanly.
/// Each entity keeps its position in its file so later messages can still say `[12].dealId`.
struct CompanyFixtureDecoder {
    static let fileNames = ["company.json", "users.json", "accounts.json", "deals.json", "contacts.json",
                            "calls.json", "emails.json", "trackers.json", "briefs.json"]

    let log: FixtureProblemLog
    /// "Now" for resolving relative times (any value will do when only validating).
    let now: Double

    var company: CompanyInfo?
    var workspace: Workspace?
    var users: [(position: Int, value: CompanyUser)] = []
    var accounts: [(position: Int, value: CRMAccount)] = []
    var deals: [(position: Int, value: Deal)] = []
    var contacts: [(position: Int, value: Contact)] = []
    var calls: [(position: Int, value: Call)] = []
    var emails: [(position: Int, value: Email)] = []
    var trackers: [(position: Int, value: Tracker)] = []
    var briefs: [(position: Int, value: Brief)] = []
    /// Ids decoded from users.json and contacts.json, to type transcript speakers.
    var knownUserIDs: Set<String> = []
    var knownContactIDs: Set<String> = []

    init(log: FixtureProblemLog, now: Double) {
        self.log = log
        self.now = now
    }

    /// Decodes every file present in `documents` (file name → parsed JSON).
    mutating func decode(_ documents: [String: JSONValue]) {
        if let value = documents["company.json"] { decodeCompany(value) }
        users = elements(documents, "users.json", decodeUser)
        accounts = elements(documents, "accounts.json", decodeAccount)
        deals = elements(documents, "deals.json", decodeDeal)
        contacts = elements(documents, "contacts.json", decodeContact)
        knownUserIDs = Set(users.map(\.value.id))
        knownContactIDs = Set(contacts.map(\.value.id))
        calls = elements(documents, "calls.json", decodeCall)
        emails = elements(documents, "emails.json", decodeEmail)
        trackers = elements(documents, "trackers.json", decodeTracker)
        briefs = elements(documents, "briefs.json", decodeBrief)
    }

    private func elements<Entity>(_ documents: [String: JSONValue], _ file: String,
                                  _ decode: (FixtureObjectReader) -> Entity?) -> [(position: Int, value: Entity)] {
        guard let document = documents[file] else { return [] }
        guard case .array(let items) = document else {
            log.report(file, "", "must be a JSON array of objects, got \(document.kindName)")
            return []
        }
        var result: [(position: Int, value: Entity)] = []
        result.reserveCapacity(items.count)
        for (position, item) in items.enumerated() {
            guard let reader = FixtureObjectReader(item, file: file, arrayPath: "", index: position, log: log) else { continue }
            if let entity = decode(reader) { result.append((position, entity)) }
        }
        return result
    }

    private mutating func decodeCompany(_ value: JSONValue) {
        guard let root = FixtureObjectReader(value, file: "company.json", path: "", log: log) else { return }
        root.allowOnly(["company", "workspace"])
        if let reader = root.child("company") {
            reader.allowOnly(["id", "name", "domain"])
            if let id = reader.string("id"), let name = reader.string("name"), let domain = reader.string("domain") {
                company = CompanyInfo(id: id, name: name, domain: domain)
            }
        }
        if let reader = root.child("workspace") {
            reader.allowOnly(["id", "name"])
            let id = reader.string("id")
            if let id, !CompanyFixtureDecoder.isNumericID(id) {
                reader.report("id", "must be a numeric string like Gong workspace ids (\"1237998047883638784\"), got \"\(id)\"")
            }
            if let id, CompanyFixtureDecoder.isNumericID(id), let name = reader.string("name") {
                workspace = Workspace(id: id, name: name)
            }
        }
    }

    static func isNumericID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 20 && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Salesforce-style id: the object prefix then 12 or 15 letters/digits (15- or 18-char ids).
    static func isSalesforceID(_ text: String, prefix: String) -> Bool {
        let count = text.utf8.count
        return text.hasPrefix(prefix) && (count == 15 || count == 18)
            && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }
    }

    func checkedID(_ reader: FixtureObjectReader, salesforcePrefix prefix: String?) -> String? {
        guard let id = reader.string("id") else { return nil }
        if let prefix {
            guard CompanyFixtureDecoder.isSalesforceID(id, prefix: prefix) else {
                reader.report("id", "must be a 15- or 18-character Salesforce-style id starting with \"\(prefix)\", got \"\(id)\"")
                return nil
            }
        } else if !CompanyFixtureDecoder.isNumericID(id) {
            reader.report("id", "must be a numeric string (like Gong ids), got \"\(id)\"")
            return nil
        }
        return id
    }

    func email(_ reader: FixtureObjectReader, _ key: String) -> String? {
        guard let text = reader.string(key) else { return nil }
        guard CompanyFixtureDecoder.isEmailAddress(text) else {
            reader.report(key, "must be an e-mail address, got \"\(text)\"")
            return nil
        }
        return text
    }

    /// One "@" with something before it and a dot after it, and no space.
    static func isEmailAddress(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: characters are bytes, so the same test without splitting or searching strings.
            let utf8 = text.utf8
            guard let at = utf8.firstIndex(of: UInt8(ascii: "@")) else { return false }
            let domain = utf8[utf8.index(after: at)...]
            return at != utf8.startIndex && !domain.contains(UInt8(ascii: "@")) && domain.contains(UInt8(ascii: "."))
                && !utf8.contains(UInt8(ascii: " "))
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
    }

    private func decodeUser(_ reader: FixtureObjectReader) -> CompanyUser? {
        reader.allowOnly(["id", "name", "email", "title", "seatType", "active", "managerId", "team", "permissionScope"])
        let id = checkedID(reader, salesforcePrefix: nil)
        let name = reader.string("name")
        let email = email(reader, "email")
        let title = reader.string("title")
        let seat = reader.choice("seatType", SeatType.self)
        let active = reader.bool("active")
        let manager = reader.nullableString("managerId")
        let team = reader.string("team")
        let scope = reader.choice("permissionScope", PermissionScope.self)
        guard let id, let name, let email, let title, let seat, let active, manager.valid, let team, let scope else {
            return nil
        }
        return CompanyUser(id: id, name: name, email: email, title: title, seatType: seat, active: active,
                           managerID: manager.value, team: team, permissionScope: scope)
    }

    private func decodeAccount(_ reader: FixtureObjectReader) -> CRMAccount? {
        reader.allowOnly(["id", "name", "domain", "industry", "ownerId"])
        let id = checkedID(reader, salesforcePrefix: "001")
        let name = reader.string("name")
        let domain = reader.string("domain")
        let industry = reader.string("industry")
        let owner = reader.string("ownerId")
        guard let id, let name, let domain, let industry, let owner else { return nil }
        return CRMAccount(id: id, name: name, domain: domain, industry: industry, ownerID: owner)
    }

    private func decodeDeal(_ reader: FixtureObjectReader) -> Deal? {
        reader.allowOnly(["id", "name", "accountId", "ownerId", "stage", "amount", "currency", "closeDate"])
        let id = checkedID(reader, salesforcePrefix: "006")
        let name = reader.string("name")
        let account = reader.string("accountId")
        let owner = reader.string("ownerId")
        let stage = reader.string("stage")
        let amount = reader.number("amount", minimum: 0)
        let currency = reader.string("currency")
        if let currency, currency.utf8.count != 3 || !currency.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) {
            reader.report("currency", "must be a three-letter ISO 4217 code, got \"\(currency)\"")
        }
        var closeDate: String?
        if let close = reader.child("closeDate") {
            close.allowOnly(["daysFromNow"])
            if let days = close.int("daysFromNow", minimum: -3650, maximum: 3650) {
                closeDate = UTCCalendar.dateString(now + Double(days) * 86_400)
            }
        }
        guard let id, let name, let account, let owner, let stage, let amount, let currency, let closeDate else {
            return nil
        }
        return Deal(id: id, name: name, accountID: account, ownerID: owner, stage: stage, amount: amount,
                    currency: currency, closeDate: closeDate)
    }

    private func decodeContact(_ reader: FixtureObjectReader) -> Contact? {
        reader.allowOnly(["id", "accountId", "name", "title", "email"])
        let id = checkedID(reader, salesforcePrefix: "003")
        let account = reader.string("accountId")
        let name = reader.string("name")
        let title = reader.string("title")
        let email = email(reader, "email")
        guard let id, let account, let name, let title, let email else { return nil }
        return Contact(id: id, accountID: account, name: name, title: title, email: email)
    }
}
