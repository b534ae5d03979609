import OAuth

extension ClientVerdicts {
    // MARK: - Token lifecycle

    static func refreshAfterExpiry(_ entries: [JournalEntry]) -> ClientVerdict {
        let id = "refresh-after-expiry", rule = "RFC 6749 §6; RFC 6750 §3.1 invalid_token; MCP Authorization §Token Handling"
        guard let rejected = entries.first(where: { entry in
            entry.isMCP && entry.status == 401 && entry.oauthDecisions.contains { $0.outcome == .refused && $0.errorCode == "invalid_token" }
        }) else {
            return ClientVerdict(id: id, status: .notSeen, rule: rule, reason: "No MCP request of this client met a 401 invalid_token.")
        }
        let reason = rejected.oauthDecisions.first { $0.outcome == .refused }?.rule ?? "invalid_token"
        guard let next = entries.first(where: { $0.seq > rejected.seq && ($0.isAuthorize || ($0.isTokenRequest && $0.grantType == "refresh_token")) }) else {
            return ClientVerdict(id: id, status: .notSeen, rule: rule,
                                 reason: "Met 401 invalid_token (seq \(rejected.seq), \(reason)); neither a refresh nor a new authorization followed.", entries: [rejected.seq])
        }
        if next.isAuthorize {
            return ClientVerdict(id: id, status: .fail, rule: rule,
                                 reason: "After 401 invalid_token (seq \(rejected.seq), \(reason)) the client restarted authorization (seq \(next.seq)) instead of using its refresh token.",
                                 entries: [rejected.seq, next.seq])
        }
        return ClientVerdict(id: id, status: .pass, rule: rule,
                             reason: "After 401 invalid_token (seq \(rejected.seq), \(reason)) the client refreshed (seq \(next.seq), status \(next.status)).",
                             entries: [rejected.seq, next.seq])
    }

    static func refreshTokenReuse(_ entries: [JournalEntry]) -> ClientVerdict {
        let id = "refresh-token-reuse", rule = "OAuth 2.1 §4.3.1; RFC 9700 §4.14.2 (rotation, reuse detection)"
        if let reused = entries.first(where: { $0.oauthDecisions.contains { $0.rule == "token.refresh.reuse" } }) {
            let event = reused.oauthDecisions.first { $0.rule == "token.refresh.reuse" }
            return ClientVerdict(id: id, status: .fail, rule: rule,
                                 reason: "Presented an already rotated refresh token (seq \(reused.seq)): \(event?.explanation ?? "") Keep only the newest refresh token.",
                                 entries: [reused.seq])
        }
        let refreshes = entries.filter { $0.isTokenRequest && $0.grantType == "refresh_token" && $0.status == 200 }
        guard !refreshes.isEmpty else {
            return ClientVerdict(id: id, status: .notSeen, rule: rule, reason: "This client never refreshed a token.")
        }
        return ClientVerdict(id: id, status: .pass, rule: rule,
                             reason: "Refreshed \(refreshes.count) time(s), each with the newest refresh token.", entries: seqs(refreshes))
    }

    static func stepUp(_ entries: [JournalEntry]) -> ClientVerdict {
        let id = "step-up", rule = "MCP Authorization §Scope Challenge Handling; RFC 6750 §3.1 insufficient_scope"
        guard let challenged = entries.first(where: { $0.isMCP && $0.status == 403 && $0.challengeParameter("error") == "insufficient_scope" }) else {
            return ClientVerdict(id: id, status: .notSeen, rule: rule, reason: "No 403 insufficient_scope was sent to this client.")
        }
        let wanted = Set((challenged.challengeParameter("scope") ?? "").split(separator: " ").map(String.init))
        let tool = challenged.mcp?.tool.map { " for \($0)" } ?? ""
        if let authorize = entries.first(where: { $0.seq > challenged.seq && $0.isAuthorize && $0.method == "GET" }) {
            let asked = Set((authorize.parameter("scope") ?? "").split(separator: " ").map(String.init))
            if wanted.isSubset(of: asked) {
                return ClientVerdict(id: id, status: .pass, rule: rule,
                                     reason: "After 403 insufficient_scope\(tool) (seq \(challenged.seq)) the client re-authorized with scope \"\(asked.sorted().joined(separator: " "))\" (seq \(authorize.seq)).",
                                     entries: [challenged.seq, authorize.seq])
            }
            return ClientVerdict(id: id, status: .fail, rule: rule,
                                 reason: "After 403 insufficient_scope\(tool) (seq \(challenged.seq)) the client re-authorized (seq \(authorize.seq)) without the challenged scope: asked \"\(asked.sorted().joined(separator: " "))\", needed \"\(wanted.sorted().joined(separator: " "))\".",
                                 entries: [challenged.seq, authorize.seq])
        }
        if let retried = entries.first(where: { $0.seq > challenged.seq && $0.isMCP && $0.status == 403 }) {
            return ClientVerdict(id: id, status: .fail, rule: rule,
                                 reason: "After 403 insufficient_scope\(tool) (seq \(challenged.seq)) the client retried with the same token (seq \(retried.seq)) instead of re-authorizing with scope \"\(wanted.sorted().joined(separator: " "))\".",
                                 entries: [challenged.seq, retried.seq])
        }
        return ClientVerdict(id: id, status: .notSeen, rule: rule,
                             reason: "Got 403 insufficient_scope\(tool) (seq \(challenged.seq)); no re-authorization or retry followed.", entries: [challenged.seq])
    }

    /// Added beyond the issue's list: clients that retry a token request after a timeout replay
    /// their authorization code, which revokes the grant it produced.
    static func codeReuse(_ entries: [JournalEntry]) -> ClientVerdict {
        let id = "code-reuse", rule = "RFC 6749 §4.1.2 (single use); OAuth 2.1 §4.1.3"
        if let replayed = entries.first(where: { $0.oauthDecisions.contains { $0.rule == "token.code.replay" } }) {
            let event = replayed.oauthDecisions.first { $0.rule == "token.code.replay" }
            return ClientVerdict(id: id, status: .fail, rule: rule,
                                 reason: "Redeemed an authorization code a second time (seq \(replayed.seq)): \(event?.explanation ?? "") Redeem each code once; on a lost answer, start a new authorization.",
                                 entries: [replayed.seq])
        }
        let redeemed = entries.filter { $0.decided("token.code.redeemed") }
        guard !redeemed.isEmpty else {
            return ClientVerdict(id: id, status: .notSeen, rule: rule, reason: "No authorization code was redeemed by this client.")
        }
        return ClientVerdict(id: id, status: .pass, rule: rule, reason: "Redeemed \(redeemed.count) authorization code(s), each once.", entries: seqs(redeemed))
    }
}
