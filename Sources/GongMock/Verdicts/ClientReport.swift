import Essentials

/// One client as `GET /_mock/verdicts` and `/admin/flows` show it: its integration, its flows
/// and every verdict.
public struct ClientReport: Sendable {
    public struct Flow: Sendable {
        public let id: String
        public let entries: [UInt64]
        public let start: Double
        public let end: Double
        /// The stages seen, in order, without repeats (`discovery`, `authorize`, `token`, …).
        public let stages: [String]
    }

    public let clientID: String
    public let integrationID: String?
    public let integrationName: String?
    public let flows: [Flow]
    public let verdicts: [ClientVerdict]
    /// The client's entries, oldest first.
    public let entries: [JournalEntry]

    /// Groups entries by client (entries no client is tied to are left out) and judges each.
    public static func build(_ entries: [JournalEntry], context: VerdictContext, clientID: String? = nil) -> [ClientReport] {
        var order: [String] = []
        var byClient: [String: [JournalEntry]] = [:]
        for entry in entries {
            guard let client = entry.clientID, clientID == nil || clientID == client else { continue }
            if byClient[client] == nil { order.append(client) }
            byClient[client, default: []].append(entry)
        }
        return order.map { client in
            let mine = byClient[client] ?? []
            var flowOrder: [String] = []
            var byFlow: [String: [JournalEntry]] = [:]
            for entry in mine {
                guard let flow = entry.flowID else { continue }
                if byFlow[flow] == nil { flowOrder.append(flow) }
                byFlow[flow, default: []].append(entry)
            }
            let flows = flowOrder.map { id -> Flow in
                let items = byFlow[id] ?? []
                var stages: [String] = []
                for entry in items where stages.last != entry.stage { stages.append(entry.stage) }
                return Flow(id: id, entries: items.map(\.seq), start: items.first?.time ?? 0, end: items.last?.time ?? 0, stages: stages)
            }
            let named = mine.first { $0.integrationID != nil }
            return ClientReport(clientID: client, integrationID: named?.integrationID, integrationName: named?.integrationName, flows: flows,
                                verdicts: ClientVerdicts.evaluate(mine, context: context), entries: mine)
        }
    }

    public var jsonValue: JSONValue {
        var object = JSONObject()
        object["clientId"] = .string(clientID)
        object["integration"] = ["id": integrationID.map(JSONValue.string) ?? .null, "name": integrationName.map(JSONValue.string) ?? .null]
        object["flows"] = .array(flows.map { flow in
            ["id": .string(flow.id), "start": .string(UTCTimestamp.iso8601(flow.start)), "end": .string(UTCTimestamp.iso8601(flow.end)),
             "stages": .array(flow.stages.map(JSONValue.string)), "entries": .array(flow.entries.map { .number(Double($0)) })]
        })
        object["verdicts"] = .array(verdicts.map(\.jsonValue))
        return .object(object)
    }
}
