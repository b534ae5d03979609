import Essentials
import MCP

/// Fuzz target `jsonrpc`: MCP JSON-RPC decoding (JSON-RPC 2.0 §4–§6) of arbitrary bytes, the
/// way a POST body is handled: parse, then decode the message or every element of a batch.
///
/// Checks: no crash, hang or leak; every refusal is a -32600 with a message and carries the id
/// only when the element's "id" is a readable id; a decoded message agrees with the members it
/// came from and decodes identically after serialise → parse; responses built for it with
/// `JSONRPCEncoding` (result, error, notification) are valid JSON that decode back to the same
/// id, method and params.
@_cdecl("LLVMFuzzerTestOneInput")
public func jsonRPCFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let body = try? JSONParser.parse(FuzzCheck.bytes(data, size)) else { return 0 }
    if case .array(let elements) = body {
        for element in elements { JSONRPCFuzzChecks.check(element) }
    } else {
        JSONRPCFuzzChecks.check(body)
    }
    return 0
}

enum JSONRPCFuzzChecks {
    static func check(_ element: JSONValue) {
        let message: JSONRPCMessage
        do {
            message = try JSONRPCMessage.decode(element)
        } catch {
            FuzzCheck.expect(error.error.code == JSONRPCErrorObject.invalidRequestCode,
                             "refusal with code \(error.error.code), not -32600: \(element)")
            FuzzCheck.expect(!error.error.message.isEmpty, "refusal without a message: \(element)")
            let readable = element["id"].flatMap(JSONRPCID.init)
            FuzzCheck.expect(error.id == readable, "refusal carries id \(String(describing: error.id)), element has \(String(describing: readable)): \(element)")
            checkDecodes(JSONRPCEncoding.error(id: error.id, error: error.error), as: .response(id: error.id, result: nil, error: error.error.jsonValue))
            return
        }
        let reparsed = try? JSONParser.parse(JSONSerializer.bytes(element))
        FuzzCheck.expect(reparsed.flatMap { try? JSONRPCMessage.decode($0) } == message, "decoding is not stable under serialise → parse: \(element)")
        switch message {
        case .request(let id, let method, let params):
            FuzzCheck.expect(message.isRequest && message.method == method, "request accessors disagree: \(element)")
            FuzzCheck.expect(element["method"] == .string(method) && element["params"] == params, "request members differ from the element: \(element)")
            FuzzCheck.expect(JSONRPCID(id.jsonValue) == id, "id \(id) does not survive jsonValue: \(element)")
            checkParams(params, element)
            let result: JSONValue = params ?? .null
            checkDecodes(JSONRPCEncoding.result(id: id, result: result), as: .response(id: id, result: result, error: nil))
        case .notification(let method, let params):
            FuzzCheck.expect(element["id"] == nil, "notification decoded from an element with an id: \(element)")
            FuzzCheck.expect(!message.isRequest && message.method == method, "notification accessors disagree: \(element)")
            checkParams(params, element)
            checkDecodes(JSONRPCEncoding.notification(method: method, params: params), as: message)
        case .response(let id, let result, let error):
            FuzzCheck.expect(element["method"] == nil && message.method == nil, "response decoded from an element with a method: \(element)")
            FuzzCheck.expect((result == nil) != (error == nil), "response must carry exactly one of result/error: \(element)")
            FuzzCheck.expect(result == nil || id != nil, "result response without an id: \(element)")
        }
    }

    static func checkParams(_ params: JSONValue?, _ element: JSONValue) {
        switch params {
        case nil, .object?, .array?: break
        default: FuzzCheck.fail("params accepted that are neither object nor array: \(element)")
        }
    }

    /// The bytes must be JSON that decodes to `expected`.
    static func checkDecodes(_ bytes: [UInt8], as expected: JSONRPCMessage) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            FuzzCheck.fail("JSONRPCEncoding produced invalid JSON (\(error)): \(FuzzCheck.hex(bytes))")
        }
        let decoded = try? JSONRPCMessage.decode(value)
        FuzzCheck.expect(decoded == expected, "JSONRPCEncoding output \(value) decodes to \(String(describing: decoded)), expected \(expected)")
    }
}
