/// One decision of the authorization server, accepted or refused, with the rule that decided it.
/// Sent to the logger and to `OAuthServer`'s decision handler (the journal). Field values are
/// already redacted: no secret, code, token or verifier ever appears in clear.
public struct OAuthDecisionEvent: Sendable {
    public enum Endpoint: String, Sendable {
        case discovery, authorize, consent, token, registration, revocation, introspection, resource
    }

    public enum Outcome: String, Sendable { case accepted, refused }

    /// Clock time (seconds since the epoch) of the decision.
    public let time: Double
    /// The HTTP request it was made for (`RequestContext.requestID`); nil outside a request
    /// (an admin revoking grants, a test calling the server directly).
    public let requestID: UInt64?
    public let endpoint: Endpoint
    public let clientID: String?
    public let subjectID: String?
    public let outcome: Outcome
    /// A stable identifier of the rule applied, e.g. `authorize.pkce.method` or `token.code.replay`.
    public let rule: String
    /// The OAuth error code sent, if any (`invalid_grant`).
    public let errorCode: String?
    /// What happened, in a sentence a client developer can act on.
    public let explanation: String
    /// Extra context (grant type, auth method used, redirect URI, redacted token fingerprints).
    public let fields: [(String, String)]

    public init(time: Double, requestID: UInt64? = nil, endpoint: Endpoint, clientID: String?, subjectID: String?, outcome: Outcome, rule: String,
                errorCode: String?, explanation: String, fields: [(String, String)]) {
        self.time = time
        self.requestID = requestID
        self.endpoint = endpoint
        self.clientID = clientID
        self.subjectID = subjectID
        self.outcome = outcome
        self.rule = rule
        self.errorCode = errorCode
        self.explanation = explanation
        self.fields = fields
    }
}
