import Essentials

extension GongToolCatalog {
    /// Titles and descriptions follow Gong's own wording (gong.md §1.2 "About Gong MCP server",
    /// §1.6 credit guidance, §2.3); the argument names are the mock's (see `GongToolSchemas`).
    static func makeDefinitions() -> [GongToolDefinition] {
        let readOnly: JSONValue = ["readOnlyHint": true, "destructiveHint": false, "idempotentHint": false,
                                   "openWorldHint": false]
        let window = "Analyzes the calls and emails within the selected time range (at most 60 calls and 500 emails, "
            + "most recent first). Each request consumes Gong credits based on the amount of data analyzed; "
            + "prefer a focused range such as LAST_30DAYS or THIS_QUARTER."
        return [
            GongToolDefinition(
                name: askAccount, title: "Ask about an account",
                description: "Answers natural language questions about a single account. Analyzes the Gong activities "
                    + "linked to the account (its own, its deals' and its contacts' calls and emails) and returns a "
                    + "focused response highlighting objections, risks, stakeholder concerns and competitive mentions, "
                    + "with the calls and emails it is based on. Use it for a targeted insight about one account; use "
                    + "generate_brief for a structured multi-category overview. " + window,
                inputSchema: GongToolSchemas.askInput(idName: "accountId", entity: "account", example: "001…"),
                outputSchema: GongToolSchemas.askOutput, requiredScope: "mcp:ai-ask:read", annotations: readOnly),
            GongToolDefinition(
                name: askDeal, title: "Ask about a deal",
                description: "Answers natural language questions about a single deal: deal progress, closure blockers, "
                    + "decision-maker concerns or agreed-upon next steps, based on the calls and emails linked to the "
                    + "deal, with the calls and emails it is based on. " + window,
                inputSchema: GongToolSchemas.askInput(idName: "dealId", entity: "deal", example: "006…"),
                outputSchema: GongToolSchemas.askOutput, requiredScope: "mcp:ai-ask:read", annotations: readOnly),
            GongToolDefinition(
                name: generateBrief, title: "Generate a brief",
                description: "Generates a structured, multi-category summary (brief) for an account, deal, or contact, "
                    + "including insights such as key themes, stakeholders, risks, and next steps. The brief must be "
                    + "configured and published in Gong (Agent Studio > AI Briefer). Each open-ended section analyzes "
                    + "the selected conversations again, so briefs with more open-ended sections consume more Gong "
                    + "credits; smart-tracker sections consume none. " + window,
                inputSchema: GongToolSchemas.briefInput, outputSchema: GongToolSchemas.briefOutput,
                requiredScope: "mcp:ai-briefer:read", annotations: readOnly),
            // --tools 2026-11: named on Gong's credit page of 2026-11-17; descriptions, arguments
            // and the scope are the mock's (README "Fidelity").
            GongToolDefinition(
                name: researchConversations, title: "Research conversations",
                description: "Answers a natural-language research question across many conversations: all the calls and "
                    + "emails you may see in the time range, or those of the given accounts and deals, with the calls "
                    + "and emails the answer is based on. Consumes Gong credits for the calls and emails it analyzes, "
                    + "like ask_account. " + window,
                inputSchema: GongToolSchemas.researchInput, outputSchema: GongToolSchemas.researchOutput,
                requiredScope: "mcp:ai-assistant:read", annotations: readOnly),
            GongToolDefinition(
                name: searchConversations, title: "Search conversations",
                description: "Finds calls and emails by time range, account, deal, participant and words or phrases, most "
                    + "recent first, a page at a time (limit, cursor). Returns the conversations (id, title or subject, "
                    + "time, duration, account, deal, link) without analyzing them, so it consumes no Gong credits; use "
                    + "research_conversations or ask_account to analyze them.",
                inputSchema: GongToolSchemas.searchInput, outputSchema: GongToolSchemas.searchOutput,
                requiredScope: "mcp:ai-assistant:read", annotations: readOnly, metered: false),
        ]
    }
}
