import Essentials
import HTTPServer

/// Journal entries as an HTTP Archive (HAR 1.2, http://www.softwareishard.com/blog/har-12-spec/),
/// which Chromium devtools (Network → Import HAR) and HAR viewers open. Redacted like the JSONL.
public enum JournalHAR {
    public static func document(_ entries: [JournalEntry], baseURL: String, version: String) -> JSONValue {
        var log = JSONObject()
        log["version"] = "1.2"
        log["creator"] = ["name": "gong-mock", "version": .string(version)]
        log["pages"] = .array([])
        log["entries"] = .array(entries.map { entry($0, baseURL: baseURL) })
        return ["log": .object(log)]
    }

    static func entry(_ entry: JournalEntry, baseURL: String) -> JSONValue {
        let query = entry.query.map(JournalRedaction.query)
        let url = baseURL + (entry.path == "-" ? "/" : entry.path) + (query.map { "?" + $0 } ?? "")
        var request = JSONObject()
        request["method"] = .string(entry.method == "-" ? "GET" : entry.method)
        request["url"] = .string(url)
        request["httpVersion"] = "HTTP/1.1"
        request["cookies"] = .array([])
        request["headers"] = headers(entry.request)
        request["queryString"] = .array(JournalRedaction.parameters(entry.query.map { URLEncodedForm.parse($0) } ?? []).map(pair))
        request["headersSize"] = -1
        request["bodySize"] = .number(Double(entry.requestBytes))
        if let text = JournalRedaction.body(entry.request), !text.isEmpty {
            request["postData"] = ["mimeType": .string(entry.request.headers["Content-Type"] ?? ""), "text": .string(text)]
        }
        var response = JSONObject()
        response["status"] = .number(Double(entry.status))
        response["statusText"] = .string(HTTPStatus(code: entry.status).reasonPhrase)
        response["httpVersion"] = "HTTP/1.1"
        response["cookies"] = .array([])
        response["headers"] = headers(entry.response)
        var content = JSONObject()
        content["size"] = .number(Double(entry.response.bodyLength ?? 0))
        content["mimeType"] = .string(entry.response.headers["Content-Type"] ?? "")
        if let text = JournalRedaction.body(entry.response) { content["text"] = .string(text) }
        if let omitted = Self.omission(entry.response) { content["comment"] = .string(omitted) }
        response["content"] = .object(content)
        response["redirectURL"] = .string(entry.response.headers["Location"].map { JournalRedaction.headerValue(name: "Location", value: $0) } ?? "")
        response["headersSize"] = -1
        response["bodySize"] = .number(Double(entry.responseBytes ?? -1))
        var object = JSONObject()
        object["startedDateTime"] = .string(timestamp(entry.time))
        object["time"] = .number(entry.durationMs)
        object["request"] = .object(request)
        object["response"] = .object(response)
        object["cache"] = [:]
        object["timings"] = ["send": 0, "wait": .number(entry.durationMs), "receive": 0]
        object["serverIPAddress"] = "127.0.0.1"
        var comment = "seq \(entry.seq)"
        if let flow = entry.flowID { comment += ", \(flow)" }
        if let refusal = entry.refusal { comment += "; refused (\(refusal.rule)): \(refusal.text)" }
        object["comment"] = .string(comment)
        return .object(object)
    }

    private static func headers(_ message: JournalMessage) -> JSONValue {
        .array(JournalRedaction.headers(message.headers).map(pair))
    }

    private static func pair(_ item: (name: String, value: String)) -> JSONValue {
        ["name": .string(item.name), "value": .string(item.value)]
    }

    private static func omission(_ message: JournalMessage) -> String? {
        if message.bodyLength == nil { return "streamed body, not kept" }
        if message.isTruncated { return "body cut at \(message.body.count) of \(message.bodyLength ?? 0) bytes" }
        return nil
    }

    /// ISO 8601 with milliseconds, as HAR wants (`2026-12-04T17:40:00.123Z`).
    static func timestamp(_ seconds: Double) -> String {
        let whole = UTCTimestamp.iso8601(seconds)
        let millis = Int(((seconds - seconds.rounded(.down)) * 1000).rounded(.down))
        let text = String(millis)
        return String(whole.dropLast()) + "." + String(repeating: "0", count: 3 - text.count) + text + "Z"
    }
}
