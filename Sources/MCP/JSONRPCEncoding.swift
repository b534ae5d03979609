import Essentials

/// Builds JSON-RPC 2.0 response and notification bytes directly (JSON-RPC 2.0 §5), so that
/// precomputed result bytes (a `tools/list` page) can be spliced in without re-serialising.
public enum JSONRPCEncoding {
    private static let head: [UInt8] = Array(#"{"jsonrpc":"2.0","id":"#.utf8)
    private static let resultKey: [UInt8] = Array(#","result":"#.utf8)
    private static let errorKey: [UInt8] = Array(#","error":"#.utf8)
    private static let null: [UInt8] = Array("null".utf8)

    /// `{"jsonrpc":"2.0","id":<id>,"result":<resultBytes>}`.
    public static func result(id: JSONRPCID, resultBytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(head.count + resultBytes.count + 32)
        output.append(contentsOf: head)
        id.write(into: &output)
        output.append(contentsOf: resultKey)
        output.append(contentsOf: resultBytes)
        output.append(UInt8(ascii: "}"))
        return output
    }

    /// The same envelope around a result of exactly `resultLength` bytes that `writeResult` writes
    /// at the pointer it is given (and returns the count of), in one buffer sized up front: a
    /// large tool result is then copied once, not once per layer.
    static func result(id: JSONRPCID, resultLength: Int, writeResult: (UnsafeMutablePointer<UInt8>) -> Int) -> [UInt8] {
        var idBytes: [UInt8] = []
        id.write(into: &idBytes)
        let length = head.count + idBytes.count + resultKey.count + resultLength + 1
        return [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
            guard let start = buffer.baseAddress else { return }
            var cursor = start.appending(head).appending(idBytes).appending(resultKey)
            cursor += writeResult(cursor)
            cursor.pointee = UInt8(ascii: "}")
            initialized = cursor + 1 - start
        }
    }

    public static func result(id: JSONRPCID, result: JSONValue) -> [UInt8] {
        Self.result(id: id, resultBytes: JSONSerializer.bytes(result))
    }

    /// An error response; `id` nil writes `"id":null` (the request's id could not be read).
    public static func error(id: JSONRPCID?, error: JSONRPCErrorObject) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(128)
        output.append(contentsOf: head)
        if let id { id.write(into: &output) } else { output.append(contentsOf: null) }
        output.append(contentsOf: errorKey)
        JSONSerializer.write(error.jsonValue, into: &output)
        output.append(UInt8(ascii: "}"))
        return output
    }

    /// `{"jsonrpc":"2.0","method":<method>,"params":<params>}`.
    public static func notification(method: String, params: JSONValue?) -> [UInt8] {
        var object = JSONObject()
        object["jsonrpc"] = "2.0"
        object["method"] = .string(method)
        if let params { object["params"] = params }
        return JSONSerializer.bytes(.object(object))
    }
}
