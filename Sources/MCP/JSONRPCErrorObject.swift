import Essentials

/// The `error` member of a JSON-RPC 2.0 response (JSON-RPC 2.0 §5.1), with the codes MCP uses
/// (MCP "Error Handling"; the resource code from 2025-06-18 "Resources"; -32020…-32022 from 2026-07-28 "Error Codes").
public struct JSONRPCErrorObject: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    public var message: String
    public var data: JSONValue?

    public init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public static let parseErrorCode = -32700
    public static let invalidRequestCode = -32600
    public static let methodNotFoundCode = -32601
    public static let invalidParamsCode = -32602
    public static let internalErrorCode = -32603
    public static let resourceNotFoundCode = -32002
    /// 2026-07-28 "Error Codes": the sub-range the specification reserves for itself.
    public static let headerMismatchCode = -32020
    public static let missingRequiredClientCapabilityCode = -32021
    public static let unsupportedProtocolVersionCode = -32022

    public static func parseError(_ message: String) -> JSONRPCErrorObject { .init(code: parseErrorCode, message: message) }
    public static func invalidRequest(_ message: String) -> JSONRPCErrorObject { .init(code: invalidRequestCode, message: message) }
    public static func methodNotFound(_ message: String) -> JSONRPCErrorObject { .init(code: methodNotFoundCode, message: message) }
    public static func invalidParams(_ message: String, data: JSONValue? = nil) -> JSONRPCErrorObject {
        .init(code: invalidParamsCode, message: message, data: data)
    }
    public static func headerMismatch(_ message: String) -> JSONRPCErrorObject { .init(code: headerMismatchCode, message: message) }
    public static func internalError(_ message: String) -> JSONRPCErrorObject { .init(code: internalErrorCode, message: message) }

    public var jsonValue: JSONValue {
        var object = JSONObject()
        object["code"] = .number(Double(code))
        object["message"] = .string(message)
        if let data { object["data"] = data }
        return .object(object)
    }

    public var description: String { "JSON-RPC error \(code): \(message)" }
}
