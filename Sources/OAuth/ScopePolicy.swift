/// What the authorization server does with a `scope` request that names scopes the client may
/// not have (RFC 6749 §3.3: the server "MAY fully or partially ignore the scope requested … If the
/// issued access token scope is different from the one requested … the authorization server MUST
/// include the scope response parameter").
public enum ScopePolicy: String, Sendable, CaseIterable {
    /// Grant the overlap of what was asked and what the client may have; refuse with
    /// `invalid_scope` only when nothing overlaps. MCP clients that follow the spec's scope
    /// selection ask for every `scopes_supported` entry and cannot ask for less.
    case overlap
    /// Refuse with `invalid_scope` as soon as one requested scope is not the client's.
    case strict
}
