import Essentials
import HTTPServer

/// A test-control refusal: `{"error": "<code>", "message": "<human text>"}`, like the admin API.
public struct MockControlError: HTTPResponseError, Equatable, CustomStringConvertible {
    public let status: HTTPStatus
    public let code: String
    public let message: String

    public init(_ status: HTTPStatus, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public static func badRequest(_ code: String, _ message: String) -> MockControlError { MockControlError(.badRequest, code, message) }

    /// 400 with the JSON path and the problem, as the seed reader words it (no file name).
    init(invalid code: String, _ error: SeedError) {
        self.init(.badRequest, code, error.keyPath.isEmpty ? error.problem : "\(error.keyPath): \(error.problem)")
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    public func response() -> HTTPResponse {
        let body: JSONValue = ["error": .string(code), "message": .string(message)]
        return .json(JSONSerializer.bytes(body), status: status, headers: ["Cache-Control": "no-store"])
    }
}
