import Essentials
import HTTPServer

/// An admin API refusal, rendered as `{"error": "<code>", "message": "<human text>"}` (issue #3 §4).
public struct AdminAPIError: HTTPResponseError, Equatable, CustomStringConvertible {
    public let status: HTTPStatus
    public let code: String
    public let message: String

    public init(_ status: HTTPStatus, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public static let unauthorized = AdminAPIError(
        .unauthorized, "unauthorized",
        "The admin API needs 'Authorization: Bearer <admin token>'; the token is printed at start (and in --ready-file) or fixed by the seed's adminToken.")

    public static func badRequest(_ code: String, _ message: String) -> AdminAPIError { AdminAPIError(.badRequest, code, message) }

    public init(_ error: IntegrationError) {
        let status: HTTPStatus
        switch error {
        case .notFound, .clientNotFound: status = .notFound
        case .storage: status = .internalServerError
        case .duplicateClientId: status = .conflict
        default: status = .badRequest
        }
        self.init(status, error.code, error.message)
    }

    public func response() -> HTTPResponse {
        let body: JSONValue = ["error": .string(code), "message": .string(message)]
        var headers = HTTPHeaders()
        headers.add("Cache-Control", "no-store")
        if status == .unauthorized { headers.add("WWW-Authenticate", "Bearer realm=\"gong-mock-admin\"") }
        return .json(JSONSerializer.bytes(body), status: status, headers: headers)
    }

    public var description: String { "\(status.code) \(code): \(message)" }
}
