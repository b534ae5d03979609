import Essentials
import HTTPServer
import MCP

/// Adapts Gong's tools to the generic MCP registry and meters them: each successful call
/// is charged from the data it analysed (gong.md §2.4), a failed call charges nothing, and a
/// call the pool cannot pay for is refused without running up a debt.
public struct GongMCPTools: Sendable {
    /// The catalog over the company edition in use (re-anchored by reset and restore).
    let catalogs: CurrentToolCatalog
    let ledger: CreditLedger
    let pricing: CreditPricing
    let logger: Logger
    /// The fault plane's tool hook (`credits-exhaust`), asked before the ledger charges.
    let faults: FaultPlane?

    public init(catalog: GongToolCatalog, ledger: CreditLedger, pricing: CreditPricing,
                logger: Logger, faults: FaultPlane? = nil) {
        self.init(catalogs: CurrentToolCatalog(company: CompanyStore(catalog.data), catalog: catalog), ledger: ledger,
                  pricing: pricing, logger: logger, faults: faults)
    }

    /// Tools answering from the company store's current edition (the composition's form).
    init(catalogs: CurrentToolCatalog, ledger: CreditLedger, pricing: CreditPricing, logger: Logger, faults: FaultPlane?) {
        self.faults = faults
        self.catalogs = catalogs
        self.ledger = ledger
        self.pricing = pricing
        self.logger = logger
    }

    public var tools: [MCPTool] {
        catalogs.catalog.definitions.map { definition in
            let annotations = MCPToolAnnotations(
                title: definition.annotations["title"]?.stringValue ?? definition.title,
                readOnlyHint: definition.annotations["readOnlyHint"]?.boolValue ?? true,
                destructiveHint: definition.annotations["destructiveHint"]?.boolValue,
                idempotentHint: definition.annotations["idempotentHint"]?.boolValue,
                openWorldHint: definition.annotations["openWorldHint"]?.boolValue)
            return MCPTool(name: definition.name, title: definition.title, description: definition.description,
                           inputSchema: definition.inputSchema, outputSchema: definition.outputSchema,
                           annotations: annotations, requiredScopes: [definition.requiredScope],
                           handler: { invocation in self.invoke(definition.name, invocation, metered: definition.metered) })
        }
    }

    func invoke(_ tool: String, _ invocation: MCPToolInvocation, metered: Bool = true) -> MCPToolOutcome {
        guard let caller = Self.caller(for: invocation.principal) else {
            return .result(.error("This call carries no Gong authorization: the access token names no MCP integration."))
        }
        // Progress and log notifications reach the client only on an SSE response (`--mcp-response sse`)
        // and only for a request carrying a progressToken; they cost nothing otherwise.
        invocation.reportProgress(progress: 0, total: 2, message: "Analyzing calls and emails")
        let exhausted = invocation.principal.map { faults?.creditsExhausted(clientID: $0.clientID) ?? false } ?? false
        let outcome = catalogs.catalog.run(tool: tool, arguments: invocation.arguments, caller: caller)
        invocation.reportProgress(progress: 1, total: 2, message: "Charging Gong credits")
        switch outcome {
        case .failure(let message):
            logger.info("tool call failed", [("tool", tool), ("integration", caller.integrationName), ("reason", message)])
            return .result(.error(message))
        case .success(let structured, _) where !metered:
            // Nothing analysed, nothing charged (README "Fidelity": search_conversations).
            invocation.reportProgress(progress: 2, total: 2, message: "Done")
            logger.info("tool call (not metered)", [("tool", tool), ("integration", caller.integrationName)])
            return .result(.structured(structured))
        case .success(let structured, let usage):
            let cost = pricing.cost(of: usage)
            if exhausted {
                logger.notice("tool call refused: credits exhausted by a fault", [("tool", tool), ("cost", cost.description)])
                return refusal(tool: tool, balance: CreditAmount(credits: 0), cost: cost, requestID: structured["requestId"]?.stringValue ?? "")
            }
            switch ledger.charge(cost, usage: CreditUsage.toolCall(tool, caller: caller, usage: usage, pricing: pricing)) {
            case .charged(let row, let balance):
                invocation.context.outcome.update(GongRequestOutcome.self, initial: GongRequestOutcome()) { $0.creditsCharged = row.creditsUsed.credits }
                invocation.log(level: .info, logger: "gong.credits", data: [
                    "tool": .string(tool), "creditsUsed": .number(row.creditsUsed.credits),
                    "balance": .number(balance.credits), "usageBreakdown": .string(pricing.breakdown(usage))])
                invocation.reportProgress(progress: 2, total: 2, message: "Done")
                logger.info("tool call charged", [("tool", tool), ("integration", caller.integrationName),
                                                  ("user", caller.userID ?? "-"), ("credits", row.creditsUsed.description),
                                                  ("balance", balance.description), ("usage", pricing.breakdown(usage))])
                return .result(.structured(structured))
            case .insufficient(let balance, let cost):
                invocation.context.outcome.update(GongRequestOutcome.self, initial: GongRequestOutcome()) { $0.creditsExhausted = true }
                logger.notice("tool call refused: insufficient Gong credits", [("tool", tool), ("balance", balance.description),
                                                                             ("cost", cost.description)])
                return refusal(tool: tool, balance: balance, cost: cost, requestID: structured["requestId"]?.stringValue ?? "")
            case .notRecorded(let reason):
                return .result(.error("The Gong credit charge could not be recorded, so the call was not answered: \(reason)"))
            }
        }
    }

    static let insufficientMessage = "Insufficient Gong credits"

    func refusal(tool: String, balance: CreditAmount, cost: CreditAmount, requestID: String) -> MCPToolOutcome {
        let detail = "\(Self.insufficientMessage): \(tool) needs \(cost) credits and the company pool has \(balance) left. A Gong admin can add credits (Admin center > Settings > Gong credits)."
        var data = JSONObject()
        data["error"] = .string(Self.insufficientMessage)
        data["balance"] = .number(balance.credits)
        data["cost"] = .number(cost.credits)
        let exhaustionMode = ledger.exhaustionMode
        switch exhaustionMode {
        case .toolError:
            return .result(MCPToolResult(content: [MCPToolResult.textItem(detail)], structuredContent: .object(data), isError: true))
        case .jsonRPCError:
            return .protocolError(code: -32000, message: detail, data: .object(data))
        case .http402, .http429:
            var body = JSONObject()
            body["requestId"] = .string(requestID)
            body["errors"] = .array([.string(Self.insufficientMessage)])
            var headers: HTTPHeaders = [:]
            if exhaustionMode == .http429 { headers.add("Retry-After", "3600") }
            return .httpResponse(.json(JSONSerializer.bytes(.object(body)),
                                       status: exhaustionMode == .http402 ? .paymentRequired : .tooManyRequests, headers: headers))
        }
    }

    /// Who is calling, from the verified token's claims: SHARED tokens see all company data,
    /// PERSONAL tokens what the authorizing user may see.
    static func caller(for principal: MCPPrincipal?) -> ToolCaller? {
        guard let principal, let context = GongTokenClaims.context(in: principal.claims) else { return nil }
        let integrationName = principal.claims[GongTokenClaims.integrationName]?.stringValue ?? principal.clientID
        switch context {
        case .shared:
            return ToolCaller(access: .shared, userID: principal.subject, integrationName: integrationName)
        case .personal:
            return ToolCaller(access: .personal(userID: principal.subject), userID: principal.subject, integrationName: integrationName)
        }
    }
}
