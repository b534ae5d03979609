/// Why the parser refused a request: the status to answer with and a short human reason,
/// sent as the body of the error response before the connection closes
/// (RFC 9112 §2.2: a server that cannot parse a message should answer 400 and close).
public struct HTTPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public let status: HTTPStatus
    public let reason: String

    public init(_ status: HTTPStatus, _ reason: String) {
        self.status = status
        self.reason = reason
    }

    public var description: String { "\(status.code) \(reason)" }

    static func bad(_ reason: String) -> HTTPParseError { HTTPParseError(.badRequest, reason) }
}
