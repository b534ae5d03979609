/// Which entries `GET /_mock/journal` (and the HAR export) returns: `?since=SEQ` (entries after
/// it), `?client=<client_id>`, `?flow=ID`, `?limit=N` (the newest N of the matches).
public struct JournalFilter: Sendable, Equatable {
    public var since: UInt64 = 0
    public var clientID: String?
    public var flowID: String?
    public var limit: Int?

    public init(since: UInt64 = 0, clientID: String? = nil, flowID: String? = nil, limit: Int? = nil) {
        self.since = since
        self.clientID = clientID
        self.flowID = flowID
        self.limit = limit
    }

    func matches(_ entry: JournalEntry) -> Bool {
        if let clientID, entry.clientID != clientID { return false }
        if let flowID, entry.flowID != flowID { return false }
        return true
    }

    /// Parses the query parameters; a malformed value is a 400 that names it.
    public static func parse(_ items: [(name: String, value: String)]) throws(AdminAPIError) -> JournalFilter {
        var filter = JournalFilter()
        for (name, value) in items {
            switch name {
            case "since":
                guard let seq = UInt64(value) else { throw .badRequest("invalid_since", "since must be a journal seq (a non-negative integer), not '\(value)'") }
                filter.since = seq
            case "client": filter.clientID = value
            case "flow": filter.flowID = value
            case "limit":
                guard let limit = Int(value), limit > 0 else { throw .badRequest("invalid_limit", "limit must be a positive integer, not '\(value)'") }
                filter.limit = limit
            case "format": break
            default:
                throw .badRequest("unknown_parameter", "unknown parameter '\(name)'; the journal takes since, client, flow, limit and format")
            }
        }
        return filter
    }
}
