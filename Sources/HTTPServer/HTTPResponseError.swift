/// An error that knows how to render itself as a response. Layers above throw their own
/// (OAuth errors as RFC 6749 JSON, admin errors as `{"error","message"}`); the router renders them.
/// Any other error becomes a logged 500.
public protocol HTTPResponseError: Error {
    func response() -> HTTPResponse
}

/// A plain status with a short reason body; what the HTTP layer itself refuses with.
public struct HTTPError: HTTPResponseError, Equatable, CustomStringConvertible {
    public let status: HTTPStatus
    public let reason: String
    public var headers: HTTPHeaders

    public init(_ status: HTTPStatus, _ reason: String, headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.reason = reason
        self.headers = headers
    }

    public func response() -> HTTPResponse { .text(reason + "\n", status: status, headers: headers) }
    public var description: String { "\(status.code) \(reason)" }
}
