extension OAuthServer {
    /// The scopes an authorization request gets (RFC 6749 §3.3), and a sentence when they are
    /// fewer than requested.
    struct GrantedScopes {
        let scopes: [String]
        /// Why the grant is narrower than the request; nil when it is not.
        let narrowing: String?
    }

    struct ScopeRefusal: Error { let explanation: String }

    /// All of the client's scopes when none are requested; otherwise the requested ones the
    /// client may have. Under `ScopePolicy.strict` any other requested scope refuses the request;
    /// under `.overlap` it is dropped, and only an empty overlap refuses.
    func resolveScopes(requested: String?, client: OAuthClient, configuration: OAuthConfiguration) -> Result<GrantedScopes, ScopeRefusal> {
        let allowed = configuration.scopesSupported.filter(client.allowedScopes.contains)
            + client.allowedScopes.subtracting(configuration.scopesSupported).sorted()
        guard let requested else { return .success(GrantedScopes(scopes: allowed, narrowing: nil)) }
        let asked = Self.scopeList(requested)
        let outcome = Self.narrow(asked, to: client.allowedScopes, policy: configuration.scopePolicy,
                                  owner: "client '\(client.name)'", allowedText: allowed.joined(separator: " "))
        return outcome.map { GrantedScopes(scopes: $0.scopes, narrowing: $0.narrowing) }
    }

    /// A `scope` parameter's distinct names, in order (RFC 6749 §3.3: space-delimited).
    static func scopeList(_ text: String) -> [String] {
        var scopes: [String] = []
        for scope in text.split(separator: " ").map(String.init) where !scopes.contains(scope) { scopes.append(scope) }
        return scopes
    }

    /// The rule shared by authorization and refresh requests.
    static func narrow(_ asked: [String], to allowed: Set<String>, policy: ScopePolicy, owner: String,
                       allowedText: String) -> Result<GrantedScopes, ScopeRefusal> {
        let refused = asked.filter { !allowed.contains($0) }
        guard !refused.isEmpty else { return .success(GrantedScopes(scopes: asked, narrowing: nil)) }
        let list = refused.map { "'\($0)'" }.joined(separator: ", ")
        let granted = asked.filter(allowed.contains)
        switch policy {
        case .strict:
            return .failure(ScopeRefusal(explanation: "scope \(list) is not allowed for \(owner); allowed: \(allowedText) (--scope-policy strict refuses the whole request)."))
        case .overlap where granted.isEmpty:
            return .failure(ScopeRefusal(explanation: "none of the requested scopes is allowed for \(owner); allowed: \(allowedText)."))
        case .overlap:
            return .success(GrantedScopes(scopes: granted, narrowing:
                "scope narrowed to the overlap \(granted.joined(separator: " ")): \(list) is not allowed for \(owner) (RFC 6749 §3.3)."))
        }
    }
}
