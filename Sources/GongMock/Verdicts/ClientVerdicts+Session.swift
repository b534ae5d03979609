import HTTPServer
import MCP

extension ClientVerdicts {
    // MARK: - MCP transport

    static func protocolVersionHeader(_ entries: [JournalEntry]) -> ClientVerdict {
        let id = "protocol-version-header", rule = "MCP 2025-06-18+ Transports §Protocol Version Header"
        guard let initialize = entries.first(where: { $0.isInitialize && $0.status == 200 }) else {
            return ClientVerdict(id: id, status: .notSeen, rule: rule, reason: "No successful initialize from this client was seen.")
        }
        let version = initialize.mcp?.protocolVersion ?? "?"
        guard version >= "2025-06-18" else {
            return ClientVerdict(id: id, status: .notSeen, rule: rule,
                                 reason: "The session speaks \(version), which predates the MCP-Protocol-Version header.", entries: [initialize.seq])
        }
        let later = entries.filter { $0.isMCP && !$0.isInitialize && $0.seq > initialize.seq && $0.mcp?.principal != nil }
        guard !later.isEmpty else {
            return ClientVerdict(id: id, status: .notSeen, rule: rule, reason: "No MCP request after initialize (seq \(initialize.seq)) was seen.")
        }
        if let missing = later.first(where: { $0.requestHeader("MCP-Protocol-Version") == nil }) {
            return ClientVerdict(id: id, status: .fail, rule: rule,
                                 reason: "\(missing.method) /mcp (seq \(missing.seq)\(missing.mcp?.rpcMethod.map { ", " + $0 } ?? "")) after initialize carried no MCP-Protocol-Version header; send MCP-Protocol-Version: \(version) on every request.",
                                 entries: [missing.seq])
        }
        return ClientVerdict(id: id, status: .pass, rule: rule,
                             reason: "All \(later.count) MCP requests after initialize sent MCP-Protocol-Version (negotiated \(version)).", entries: seqs(later))
    }

    static func sessionHeader(_ entries: [JournalEntry]) -> ClientVerdict {
        let id = "session-header", rule = "MCP Transports §Session Management"
        guard let issued = entries.first(where: { $0.isInitialize && $0.mcp?.sessionIssued == true }) else {
            return ClientVerdict(id: id, status: .notSeen, rule: rule, reason: "No MCP session was issued to this client.")
        }
        let later = entries.filter { $0.isMCP && !$0.isInitialize && $0.seq > issued.seq && $0.mcp?.principal != nil }
        guard !later.isEmpty else {
            return ClientVerdict(id: id, status: .notSeen, rule: rule, reason: "A session was issued (seq \(issued.seq)) but no later MCP request was seen.")
        }
        if let missing = later.first(where: { $0.requestHeader("Mcp-Session-Id") == nil }) {
            return ClientVerdict(id: id, status: .fail, rule: rule,
                                 reason: "\(missing.method) /mcp (seq \(missing.seq)) carried no Mcp-Session-Id although initialize (seq \(issued.seq)) issued one; echo it on every later request.",
                                 entries: [issued.seq, missing.seq])
        }
        return ClientVerdict(id: id, status: .pass, rule: rule,
                             reason: "Sent the Mcp-Session-Id issued at seq \(issued.seq) on all \(later.count) later MCP requests.", entries: seqs(later))
    }

    static func tokenInQuery(_ entries: [JournalEntry]) -> ClientVerdict {
        let id = "token-in-query", rule = "RFC 6750 §2.3 / §5.3; MCP Authorization §Access Token Usage"
        if let leaked = entries.first(where: { entry in entry.query.map { URLEncodedForm.parse($0).contains { $0.name == "access_token" } } == true }) {
            return ClientVerdict(id: id, status: .fail, rule: rule,
                                 reason: "\(leaked.method) \(leaked.path) (seq \(leaked.seq)) carried the access token in the query string, where logs and Referer headers leak it; send Authorization: Bearer.",
                                 entries: [leaked.seq])
        }
        let bearer = entries.filter { $0.isMCP && ($0.requestHeader("Authorization")?.lowercased().hasPrefix("bearer ") ?? false) }
        guard let first = bearer.first else {
            return ClientVerdict(id: id, status: .notSeen, rule: rule, reason: "No MCP request with an access token from this client was seen.")
        }
        return ClientVerdict(id: id, status: .pass, rule: rule,
                             reason: "All \(bearer.count) MCP requests sent the token in the Authorization header (first at seq \(first.seq)).", entries: [first.seq])
    }

    // MARK: - Reactions to challenges and limits

    static func retryAfter(_ entries: [JournalEntry]) -> ClientVerdict {
        let id = "retry-after", rule = "RFC 9110 §10.2.3; RFC 6585 §4"
        guard let index = entries.firstIndex(where: { $0.responseHeader("Retry-After") != nil }) else {
            return ClientVerdict(id: id, status: .notSeen, rule: rule, reason: "No response with Retry-After was sent to this client.")
        }
        let told = entries[index]
        let seconds = Double(told.responseHeader("Retry-After") ?? "") ?? 0
        guard index + 1 < entries.count else {
            return ClientVerdict(id: id, status: .pass, rule: rule,
                                 reason: "Told to retry after \(Int(seconds)) s (seq \(told.seq)) and sent nothing more.", entries: [told.seq])
        }
        let next = entries[index + 1]
        let waited = next.time - told.time
        if waited + 0.5 < seconds {
            return ClientVerdict(id: id, status: .fail, rule: rule,
                                 reason: "Told to retry after \(Int(seconds)) s (seq \(told.seq), \(told.status)) but sent the next request after \(Self.format(waited)) s (seq \(next.seq)).",
                                 entries: [told.seq, next.seq])
        }
        return ClientVerdict(id: id, status: .pass, rule: rule,
                             reason: "Waited \(Self.format(waited)) s after Retry-After: \(Int(seconds)) (seq \(told.seq)) before seq \(next.seq).", entries: [told.seq, next.seq])
    }

    static func creditsExhausted(_ entries: [JournalEntry]) -> ClientVerdict {
        let id = "credits-exhausted", rule = "Gong credits (gong.md §2.4): a refused call costs nothing but succeeds no sooner"
        guard let first = entries.first(where: \.creditsExhausted) else {
            return ClientVerdict(id: id, status: .notSeen, rule: rule, reason: "This client never ran out of Gong credits.")
        }
        let retries = entries.filter { $0.seq > first.seq && $0.creditsExhausted }
        if !retries.isEmpty {
            return ClientVerdict(id: id, status: .fail, rule: rule,
                                 reason: "Kept calling tools after credits ran out (seq \(first.seq)): \(retries.count) more refused call(s), the last at seq \(retries.last?.seq ?? 0); stop and tell the user.",
                                 entries: [first.seq] + seqs(retries))
        }
        return ClientVerdict(id: id, status: .pass, rule: rule, reason: "Stopped calling tools after credits ran out (seq \(first.seq)).", entries: [first.seq])
    }

    static func format(_ seconds: Double) -> String {
        let tenths = Int((seconds * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
