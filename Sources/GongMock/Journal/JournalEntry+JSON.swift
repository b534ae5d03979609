import Essentials
import HTTPServer

extension JournalEntry {
    /// The entry as one JSONL object (the README's "Journal entry" table), every secret
    /// redacted. `includeBodies: false` leaves the bodies out (the flow page's timeline).
    public func jsonValue(includeBodies: Bool = true) -> JSONValue {
        var object = JSONObject()
        object["seq"] = .number(Double(seq))
        object["time"] = .string(UTCTimestamp.iso8601(time))
        object["requestId"] = .number(Double(requestID))
        object["flowId"] = flowID.map(JSONValue.string) ?? .null
        object["clientId"] = clientID.map(JSONValue.string) ?? .null
        object["integrationId"] = integrationID.map(JSONValue.string) ?? .null
        object["userId"] = userID.map(JSONValue.string) ?? .null
        object["method"] = .string(method)
        object["path"] = .string(path)
        if let query { object["query"] = .string(JournalRedaction.query(query)) }
        object["status"] = .number(Double(status))
        object["durationMs"] = .number((durationMs * 1000).rounded() / 1000)
        object["requestBytes"] = .number(Double(requestBytes))
        object["responseBytes"] = responseBytes.map { .number(Double($0)) } ?? .null
        object["remoteAddress"] = .string(remoteAddress)
        object["mcpSessionId"] = mcp?.sessionID.map(JSONValue.string) ?? .null
        object["rpcMethod"] = mcp?.rpcMethod.map(JSONValue.string) ?? .null
        object["tool"] = mcp?.tool.map(JSONValue.string) ?? .null
        object["credits"] = credits.map(JSONValue.number) ?? .null
        object["refusal"] = refusal.map { ["rule": .string($0.rule), "text": .string($0.text)] } ?? .null
        if !faults.isEmpty { object["faults"] = .array(faults.map(JSONValue.string)) }
        if includeBodies {
            object["request"] = Self.message(request)
            object["response"] = Self.message(response)
        }
        return .object(object)
    }

    static func message(_ message: JournalMessage) -> JSONValue {
        var object = JSONObject()
        object["headers"] = .array(JournalRedaction.headers(message.headers).map { ["name": .string($0.name), "value": .string($0.value)] })
        let body = JournalRedaction.body(message)
        object["body"] = body.map(JSONValue.string) ?? .null
        object["bodySize"] = message.bodyLength.map { .number(Double($0)) } ?? .null
        object["truncated"] = .bool(body != nil && message.isTruncated)
        if body == nil, let length = message.bodyLength, length > 0 {
            object["omitted"] = .string("\(message.mediaType ?? "binary") body not kept (\(length) bytes)")
        }
        return .object(object)
    }

    /// One JSONL line, newline included.
    public func jsonLine() -> [UInt8] {
        var bytes = JSONSerializer.bytes(jsonValue())
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}
