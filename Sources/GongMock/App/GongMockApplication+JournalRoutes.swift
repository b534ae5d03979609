import Essentials
import HTTPServer

extension GongMockApplication {
    /// `GET /_mock/journal` (JSONL, or `?format=har`) and `GET /_mock/verdicts`.
    func installJournalRoutes(into controls: inout MockControlRoutes) {
        let journal = self.journal
        let baseURL = self.baseURL
        controls.get("journal") { request, _ in
            let items = request.queryItems
            let filter = try JournalFilter.parse(items)
            let entries = journal.entries(filter)
            switch items.first(where: { $0.name == "format" })?.value ?? "jsonl" {
            case "jsonl":
                var body: [UInt8] = []
                for entry in entries { body += entry.jsonLine() }
                return HTTPResponse(status: .ok, headers: ["Content-Type": "application/x-ndjson", "Cache-Control": "no-store"], bytes: body)
            case "har":
                let document = JournalHAR.document(entries, baseURL: baseURL, version: Self.version)
                var headers: HTTPHeaders = ["Content-Type": "application/json", "Cache-Control": "no-store"]
                headers.add("Content-Disposition", "attachment; filename=\"gong-mock\(filter.flowID.map { "-" + $0 } ?? "").har\"")
                return .json(JSONSerializer.bytes(document), headers: headers)
            case let other:
                throw AdminAPIError.badRequest("invalid_format", "format must be jsonl (default) or har, not '\(other)'")
            }
        }
    }
}
