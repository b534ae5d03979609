import Essentials

/// One decoded JSON-RPC 2.0 message (JSON-RPC 2.0 §4–§5; MCP "Messages").
public enum JSONRPCMessage: Sendable, Equatable {
    case request(id: JSONRPCID, method: String, params: JSONValue?)
    case notification(method: String, params: JSONValue?)
    /// A response the client sends to a server-initiated request; the server only acknowledges it.
    case response(id: JSONRPCID?, result: JSONValue?, error: JSONValue?)

    /// Why a value is not a valid message, with the id when it could be read (so the error
    /// response can still carry it, JSON-RPC 2.0 §5).
    public struct DecodingError: Error, Sendable, Equatable {
        public let id: JSONRPCID?
        public let error: JSONRPCErrorObject
    }

    /// Decodes one message object. Every refusal is a `-32600` naming the member at fault.
    public static func decode(_ value: JSONValue) throws(DecodingError) -> JSONRPCMessage {
        guard case .object(let object) = value else {
            throw DecodingError(id: nil, error: .invalidRequest("Invalid Request: a JSON-RPC message must be a JSON object, got \(value.kindName)"))
        }
        let idValue = object["id"]
        let readableID = idValue.flatMap(JSONRPCID.init)
        func fail(_ message: String) -> DecodingError {
            DecodingError(id: readableID, error: .invalidRequest("Invalid Request: " + message))
        }
        guard let version = object["jsonrpc"] else { throw fail("the \"jsonrpc\" member is missing; it must be \"2.0\"") }
        guard version == .string("2.0") else { throw fail("\"jsonrpc\" must be \"2.0\", got \(version)") }

        if let methodValue = object["method"] {
            guard case .string(let method) = methodValue else {
                throw fail("\"method\" must be a string, got \(methodValue.kindName)")
            }
            let params = object["params"]
            if let params {
                switch params {
                case .object, .array: break
                default: throw fail("\"params\" must be an object or an array, got \(params.kindName)")
                }
            }
            guard let idValue else { return .notification(method: method, params: params) }
            if idValue.isNull { throw fail("\"id\" must not be null (MCP requires a string or integer id)") }
            guard let id = readableID else {
                throw fail("\"id\" must be a string or an integer, got \(idValue.kindName == "number" ? "a non-integer number" : idValue.kindName)")
            }
            return .request(id: id, method: method, params: params)
        }

        let result = object["result"], error = object["error"]
        guard result != nil || error != nil else {
            throw fail("the message has neither \"method\" (request or notification) nor \"result\"/\"error\" (response)")
        }
        guard result == nil || error == nil else { throw fail("a response must not carry both \"result\" and \"error\"") }
        if let idValue, !idValue.isNull, readableID == nil {
            throw fail("\"id\" must be a string or an integer, got \(idValue.kindName)")
        }
        if result != nil, readableID == nil { throw fail("a result response must carry the request's \"id\"") }
        return .response(id: readableID, result: result, error: error)
    }

    public var method: String? {
        switch self {
        case .request(_, let method, _), .notification(let method, _): return method
        case .response: return nil
        }
    }

    public var isRequest: Bool {
        if case .request = self { return true }
        return false
    }
}
