import OAuth

extension RedirectURIRules {
    /// Gong's rows of the redirect-mismatch hint table, tried before the generic ones
    /// (`RedirectHintRule.standard`): a ChatGPT connector callback is only admitted by the
    /// integration's "ChatGPT (dynamic redirect)" switch, never by the registered list.
    static func hintRules(chatGPTDynamic: Bool) -> [RedirectHintRule] {
        [chatGPTDynamic ? chatGPTMalformed : chatGPTWithoutSwitch] + RedirectHintRule.standard
    }

    static let chatGPTWithoutSwitch = RedirectHintRule(name: "chatgpt-dynamic-off") { input in
        guard looksLikeChatGPT(input.requested) else { return nil }
        return "ChatGPT assigns its redirect URI dynamically: enable \"ChatGPT (dynamic redirect)\" on the integration "
            + "(API and seed member chatGPTDynamicRedirect) instead of registering the URI."
    }

    static let chatGPTMalformed = RedirectHintRule(name: "chatgpt-callback-shape") { input in
        guard looksLikeChatGPT(input.requested) else { return nil }
        return "ChatGPT callbacks must be exactly \(chatGPTDynamicPrefix){callback_id} ({callback_id}: 1-64 of A-Z a-z 0-9 _ -) "
            + "or \(chatGPTLegacyRedirect)."
    }
}
