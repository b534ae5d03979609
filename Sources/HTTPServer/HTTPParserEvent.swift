/// What the request parser produces as bytes arrive.
public enum HTTPParserEvent: Sendable, Equatable {
    /// The head asked for `Expect: 100-continue` and a body follows: the server answers
    /// `100 Continue` before the client sends the body (RFC 9110 §10.1.1).
    case continueRequested
    /// A complete request, body included.
    case request(HTTPRequest)
}
