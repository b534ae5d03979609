/// The company the mock serves: users, CRM entities, conversations, trackers and briefs,
/// immutable after load and shared by reference between event loops.
///
/// Build it with `CompanyData.load(directory:clock:)` (fixture files, see Fixtures/README.md),
/// `CompanyData.bundled(clock:)` (the fixture compiled into the binary) or the memberwise
/// initialiser (synthetic data in tests). All references are expected to resolve; the loaders
/// run `CompanyFixtureValidator` first and refuse data that does not.
///
/// One value is one *edition* of the company: the fixture's relative times resolved against one
/// `anchor`. Re-anchoring (issue #15 §3: reset re-anchors to the clock's now) makes a new edition
/// with `reanchored(to:)`; `CompanyStore` holds the one requests read.
public final class CompanyData: Sendable {
    public let company: CompanyInfo
    public let workspace: Workspace
    public let users: [CompanyUser]
    public let accounts: [CRMAccount]
    public let deals: [Deal]
    public let contacts: [Contact]
    /// Calls, most recent first.
    public let calls: [Call]
    /// E-mails, most recent first.
    public let emails: [Email]
    public let trackers: [Tracker]
    public let briefs: [Brief]
    /// The instant the fixture's relative times (`daysAgo`, `daysFromNow`) were resolved against;
    /// only its UTC day matters. nil for data built with absolute times (the memberwise
    /// initialiser in tests), which re-anchoring leaves alone.
    public let anchor: Double?

    /// Positions by id, e-mail and brief name.
    let lookups: CompanyLookups
    /// The conversation index and per-user visibility: only tool calls need them, so they are
    /// built on first use or by `prepareSearchIndexes()`, not while the server starts.
    private let searchIndexes: DeferredValue<CompanySearchIndexes>

    /// Conversation lists per entity and the inverted word index (waits for the build if it is
    /// under way on another thread).
    var index: ConversationIndex { searchIndexes.value.conversations }

    public init(company: CompanyInfo, workspace: Workspace, users: [CompanyUser], accounts: [CRMAccount],
                deals: [Deal], contacts: [Contact], calls: [Call], emails: [Email], trackers: [Tracker],
                briefs: [Brief], anchor: Double? = nil) {
        self.anchor = anchor
        self.company = company
        self.workspace = workspace
        self.users = users
        self.accounts = accounts
        self.deals = deals
        self.contacts = contacts
        self.calls = calls.sorted { ($0.startTime, $0.id) > ($1.startTime, $1.id) }
        self.emails = emails.sorted { ($0.sentTime, $0.id) > ($1.sentTime, $1.id) }
        self.trackers = trackers
        self.briefs = briefs
        let lookups = CompanyLookups(users: users, accounts: accounts, deals: deals, contacts: contacts, calls: self.calls,
                                     emails: self.emails, trackers: trackers, briefs: briefs)
        self.lookups = lookups
        let (sortedCalls, sortedEmails) = (self.calls, self.emails)
        searchIndexes = DeferredValue {
            CompanySearchIndexes(users: users, accounts: accounts, deals: deals, contacts: contacts, calls: sortedCalls,
                                 emails: sortedEmails, usersByEmail: lookups.usersByEmail, contactsByEmail: lookups.contactsByEmail)
        }
    }

    /// `source` with its conversations and deals moved in time (`reanchored(to:)`): positions,
    /// lookups and the search indexes stay `source`'s, shared rather than rebuilt, since none of
    /// them depends on a time and a uniform shift keeps the most-recent-first order.
    init(reanchoring source: CompanyData, deals: [Deal], calls: [Call], emails: [Email], anchor: Double) {
        self.anchor = anchor
        company = source.company
        workspace = source.workspace
        users = source.users
        accounts = source.accounts
        self.deals = deals
        contacts = source.contacts
        self.calls = calls
        self.emails = emails
        trackers = source.trackers
        briefs = source.briefs
        lookups = source.lookups
        searchIndexes = source.searchIndexes
    }

    /// Builds the search indexes now (on the calling thread) unless they exist already; the
    /// server calls it from a background thread once it answers, so the first tool call does not
    /// pay for them. Safe to call from several threads: one builds, the others wait.
    public func prepareSearchIndexes() { _ = searchIndexes.value }

    /// Whether `prepareSearchIndexes()` (or a tool call) has built the search indexes.
    public var searchIndexesReady: Bool { searchIndexes.isBuilt }

    public func user(id: String) -> CompanyUser? { lookups.usersByID[id].map { users[$0] } }
    public func user(email: String) -> CompanyUser? { lookups.usersByEmail[email.lowercased()].map { users[$0] } }
    public func contactByEmail(_ email: String) -> Contact? { lookups.contactsByEmail[email.lowercased()].map { contacts[$0] } }
    public func account(id: String) -> CRMAccount? { lookups.accountsByID[id].map { accounts[$0] } }
    public func deal(id: String) -> Deal? { lookups.dealsByID[id].map { deals[$0] } }
    public func contact(id: String) -> Contact? { lookups.contactsByID[id].map { contacts[$0] } }
    public func call(id: String) -> Call? { lookups.callsByID[id].map { calls[$0] } }
    public func email(id: String) -> Email? { lookups.emailsByID[id].map { emails[$0] } }
    public func tracker(id: String) -> Tracker? { lookups.trackersByID[id].map { trackers[$0] } }
    /// The brief with this name (case-insensitive), published or not.
    public func brief(named name: String) -> Brief? { lookups.briefsByName[name.lowercased()].map { briefs[$0] } }

    /// What a caller in this access context may see (see `AccessScope` for the rules).
    public func visibility(for context: AccessContext) -> EntityFilter {
        switch context {
        case .shared: return .everything
        case .personal(let userID): return searchIndexes.value.visibilityByUser[userID] ?? .nothing
        }
    }

    /// Users holding a paid seat who are active: the base of the default credit pool.
    public var activePaidSeatCount: Int { users.filter(\.mayUseMCPServer).count }
}
