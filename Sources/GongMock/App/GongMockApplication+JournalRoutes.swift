import Essentials
import HTTPServer
import OAuth

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
        let oauth = self.oauth, mcpURL = self.mcpURL
        controls.get("verdicts") { request, _ in
            let context = Self.verdictContext(oauth: oauth, mcpURL: mcpURL)
            var clientID: String?
            for (name, value) in request.queryItems {
                guard name == "client" else {
                    throw AdminAPIError.badRequest("unknown_parameter", "unknown parameter '\(name)'; verdicts take client=<OAuth client_id>")
                }
                clientID = value
            }
            let reports = ClientReport.build(journal.entries(), context: context, clientID: clientID)
            let body: JSONValue = ["clients": .array(reports.map(\.jsonValue))]
            return .json(JSONSerializer.bytes(body), headers: ["Cache-Control": "no-store"])
        }
    }

    /// What the verdicts compare clients against: this deployment's MCP URL and metadata.
    var verdictContext: VerdictContext { Self.verdictContext(oauth: oauth, mcpURL: mcpURL) }

    static func verdictContext(oauth: OAuthServer, mcpURL: String) -> VerdictContext {
        let configuration = oauth.configuration
        var methods = ["client_secret_basic", "client_secret_post"]
        if configuration.noneAuthMethod { methods.append("none") }
        return VerdictContext(mcpURL: mcpURL,
                              protectedResourceMetadataPaths: [configuration.protectedResourceMetadataPath, configuration.paths.rootProtectedResourceMetadata],
                              tokenEndpointAuthMethods: methods)
    }
}
