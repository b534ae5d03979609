import HTTPServer

/// What the MCP endpoint made of one HTTP request, recorded in the request's `RequestOutcome`
/// (key: this type) for an outer middleware (the journal, client verdicts).
public struct MCPRequestOutcome: RequestOutcomeKey, Sendable {
    public typealias Value = MCPRequestOutcome

    /// Who the bearer token speaks for, once the authenticator accepted it.
    public var principal: MCPPrincipal?
    /// The session the request belongs to, or the one `initialize` opened.
    public var sessionID: String?
    /// True when this request opened `sessionID` (initialize).
    public var sessionIssued = false
    /// The JSON-RPC method (the first one of a batch).
    public var rpcMethod: String?
    /// The tool a `tools/call` named.
    public var tool: String?
    /// The JSON-RPC error code sent, if any (transport refusals use the id-less error's code).
    public var errorCode: Int?
    /// The explanation sent with an error or a refusal.
    public var errorMessage: String?
    /// The protocol revision the exchange spoke.
    public var protocolVersion: String?

    public init() {}
}
