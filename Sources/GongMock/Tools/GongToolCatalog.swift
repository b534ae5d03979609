import Essentials

/// The Gong MCP tools (gong.md §1.2, §2; two more with `GongToolset.november2026`): their definitions for `tools/list` and their
/// engines over the company data. Pure logic: the integrator adapts `definitions` to the MCP tool
/// registry, checks `requiredScope` and seats, calls `run`, prices the `DataUsage` of a success
/// with `CreditPricing` and charges the `CreditLedger`. Thread-safe; a call costs tens of
/// microseconds once the indexes exist (see `prepare()`).
public final class GongToolCatalog: Sendable {
    public static let askAccount = "ask_account"
    public static let askDeal = "ask_deal"
    public static let generateBrief = "generate_brief"
    public static let researchConversations = "research_conversations"
    public static let searchConversations = "search_conversations"

    public static let briefNotFound = "Brief not found - could be that the brief is not published"

    public let data: CompanyData
    let clock: any ServerClock
    /// Vocabulary and composer: built on first use or by `prepare()`, so creating the catalog is
    /// cheap and the server can answer before the search indexes exist.
    private let engines: DeferredValue<ToolEngines>
    let requestIDs: RequestIDGenerator
    public let definitions: [GongToolDefinition]

    /// Both engines with one load: a hot path reads this once rather than each engine separately.
    var toolEngines: ToolEngines { engines.value }
    var vocabulary: SearchVocabulary { engines.value.vocabulary }
    var composer: AnswerComposer { engines.value.composer }

    public init(data: CompanyData, clock: any ServerClock, toolset: GongToolset = .default,
                requestIDSeed: UInt64 = UInt64.random(in: 0...UInt64.max)) {
        self.data = data
        self.clock = clock
        engines = DeferredValue { ToolEngines(data: data) }
        requestIDs = RequestIDGenerator(seed: requestIDSeed)
        definitions = GongToolCatalog.makeDefinitions().filter { toolset.toolNames.contains($0.name) }
    }

    private init(data: CompanyData, sharingWith other: GongToolCatalog) {
        self.data = data
        clock = other.clock
        engines = DeferredValue { ToolEngines(data: data) }
        requestIDs = other.requestIDs
        definitions = other.definitions
    }

    /// The same tools over another edition of the company (re-anchored by reset or restore, see
    /// `CompanyStore`): same clock, definitions and request-id sequence, engines built anew.
    func serving(_ other: CompanyData) -> GongToolCatalog {
        other === data ? self : GongToolCatalog(data: other, sharingWith: self)
    }

    /// Builds the company's search indexes and the tool engines now, on the calling thread,
    /// unless done already; tool calls arriving meanwhile wait for this build. The server calls
    /// it from a background thread once it answers.
    public func prepare() {
        data.prepareSearchIndexes()
        _ = engines.value
    }

    public func definition(named name: String) -> GongToolDefinition? { definitions.first { $0.name == name } }

    /// The tools each scope unlocks (an empty list for a scope no tool requires), for the consent page.
    public func toolNamesByScope(_ scopes: [String]) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: scopes.map { scope in (scope, definitions.filter { $0.requiredScope == scope }.map(\.name)) })
    }

    /// Runs a tool. Unknown tools, invalid arguments, unknown or invisible entities and unknown
    /// or unpublished briefs are `.failure` with a message naming the problem.
    public func run(tool: String, arguments: JSONObject, caller: ToolCaller) -> GongToolOutcome {
        guard definition(named: tool) != nil else { return unknownTool(tool) }
        let filter = data.visibility(for: caller.access)
        switch tool {
        case GongToolCatalog.askAccount: return ask(.account, arguments: arguments, filter: filter)
        case GongToolCatalog.askDeal: return ask(.deal, arguments: arguments, filter: filter)
        case GongToolCatalog.generateBrief: return brief(arguments: arguments, filter: filter)
        case GongToolCatalog.researchConversations: return research(arguments: arguments, filter: filter)
        case GongToolCatalog.searchConversations: return search(arguments: arguments, filter: filter)
        default:
            return unknownTool(tool)
        }
    }

    private func unknownTool(_ tool: String) -> GongToolOutcome {
        .failure(message: "Unknown tool \"\(tool)\" (tools: \(definitions.map(\.name).joined(separator: ", ")))")
    }

    /// Reads the arguments every tool shares; `nil` period when invalid (already reported).
    func periodArguments(_ arguments: inout ToolArguments) -> (period: TimePeriod?, from: String?, to: String?) {
        let hint = "ISO-8601, e.g. 2026-04-01T00:00:00Z"
        let period = arguments.choice("timePeriod", TimePeriod.self)
        let from = arguments.string("fromDateTime", required: false, hint: hint)
        let to = arguments.string("toDateTime", required: false, hint: hint)
        if let workspace = arguments.string("workspaceId", required: false,
                                            hint: "the Gong workspace id as a string, e.g. \"\(data.workspace.id)\""),
           workspace != data.workspace.id {
            arguments.fail("workspaceId", "workspace \"\(workspace)\" not found (this company's workspace is \"\(data.workspace.id)\")")
        }
        if let period, period == .customRange, case .failure(let error) =
            period.resolve(now: clock.now(), lastActivity: nil, from: from, to: to) {
            arguments.fail(error.argument, error.message)
        }
        return (period, from, to)
    }

    /// Looks an entity up through the caller's eyes: invisible is the same as absent.
    func entityName(_ type: CRMEntityType, id: String, filter: EntityFilter) -> String? {
        guard filter.canSee(type, id: id) else { return nil }
        switch type {
        case .account: return data.account(id: id)?.name
        case .deal: return data.deal(id: id)?.name
        case .contact: return data.contact(id: id)?.name
        }
    }

    static func notFound(_ type: CRMEntityType, id: String) -> GongToolOutcome {
        .failure(message: "\(type.displayName) \(id) not found")
    }

    func selection(_ type: CRMEntityType, id: String, filter: EntityFilter, period: TimePeriod, from: String?,
                   to: String?) -> ConversationSelection {
        let candidates = ConversationSelection.candidates(type, id: id, in: data, filter: filter)
        let lastActivity = ConversationSelection.lastActivity(candidates, in: data)
        // CUSTOM_RANGE arguments were validated already, so resolving cannot fail here.
        guard case .success(let range) = period.resolve(now: clock.now(), lastActivity: lastActivity, from: from, to: to)
        else { return .empty }
        return ConversationSelection.select(candidates, range: range, in: data)
    }

    func periodPhrase(_ period: TimePeriod, from: String?, to: String?) -> String {
        guard period == .customRange, let from else { return period.phrase }
        return "\(from) to \(to ?? "now")"
    }
}
