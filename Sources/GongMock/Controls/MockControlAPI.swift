import Essentials
import HTTPServer

/// The test controls under `/_mock/` (issue #15), on the server's own port, every route behind
/// the admin token (`Authorization: Bearer <admin token>`, else 401; the gate is `MockControlRoutes`'s).
///
/// | route | answer |
/// |---|---|
/// | `GET /_mock/state` / `PUT` (seed document) | 200 state document / 200 after replacing; 400 naming the JSON path |
/// | `POST /_mock/reset` | 200: back to the seed the server started with, company data re-anchored to the clock's now |
/// | `POST /_mock/snapshot` / `POST /_mock/restore {"id"}` | 201 `{"id"}` / 200 |
/// | `GET /_mock/faults` / `POST` / `DELETE` | list with `fired` / 201 `{"id"}` / 204 clears |
/// | `DELETE /_mock/faults/{id}`, `GET /_mock/faults/kinds` | 204 / every kind with its parameters |
/// | `GET /_mock/clock` / `POST {"advance"}` or `{"set"}` | `{"now","offsetSeconds"}` |
public struct MockControlAPI: Sendable {
    let state: MockStateStore
    let logger: Logger

    public init(state: MockStateStore, logger: Logger) {
        self.state = state
        self.logger = logger
    }

    public func install(into router: inout MockControlRoutes) {
        route(&router, .get, "/_mock/state") { _ throws(AdminAPIError) in ok(state.document()) }
        route(&router, .put, "/_mock/state") { request throws(AdminAPIError) in
            try state.replace(with: request.body, adminToken: state.admin.apiToken)
            return ok(state.document())
        }
        route(&router, .post, "/_mock/reset") { _ throws(AdminAPIError) in
            try state.resetToSeed()
            return ok(["reset": true])
        }
        route(&router, .post, "/_mock/snapshot") { _ throws(AdminAPIError) in
            ok(["id": .string(try state.takeSnapshot())], status: .created)
        }
        route(&router, .post, "/_mock/restore") { request throws(AdminAPIError) in
            let body = try Self.object(request, allowed: ["id"])
            guard let id = body["id"]?.stringValue else { throw .badRequest("missing_member", "Member 'id' (a string from POST /_mock/snapshot) is required.") }
            try state.restoreSnapshot(id: id)
            return ok(["restored": .string(id)])
        }
        installFaults(into: &router)
        installClock(into: &router)
    }

    private func installFaults(into router: inout MockControlRoutes) {
        let faults = state.faults
        route(&router, .get, "/_mock/faults") { _ throws(AdminAPIError) in ok(faults.json) }
        route(&router, .get, "/_mock/faults/kinds") { _ throws(AdminAPIError) in ok(FaultKind.catalog) }
        route(&router, .post, "/_mock/faults") { request throws(AdminAPIError) in
            let value = try Self.json(request)
            let spec: FaultSpec
            do throws(SeedError) {
                spec = try FaultSpec.parse(value, at: "", file: "fault")
            } catch {
                throw AdminAPIError(invalid: "invalid_fault", error)
            }
            let fault = faults.add(spec)
            return ok(fault.json, status: .created)
        }
        route(&router, .delete, "/_mock/faults") { _ throws(AdminAPIError) in
            faults.removeAll()
            return HTTPResponse(status: .noContent)
        }
        route(&router, .get, "/_mock/faults/{id}") { request, context throws(AdminAPIError) in
            let id = context.parameter("id") ?? ""
            guard let fault = faults.fault(id: id) else { throw Self.unknownFault(id) }
            return ok(fault.json)
        }
        route(&router, .delete, "/_mock/faults/{id}") { request, context throws(AdminAPIError) in
            let id = context.parameter("id") ?? ""
            guard faults.remove(id: id) else { throw Self.unknownFault(id) }
            return HTTPResponse(status: .noContent)
        }
    }

    private func installClock(into router: inout MockControlRoutes) {
        let control = ClockControl(clock: state.clock)
        route(&router, .get, "/_mock/clock") { _ throws(AdminAPIError) in ok(control.json) }
        route(&router, .post, "/_mock/clock") { request throws(AdminAPIError) in
            let body = try Self.object(request, allowed: ["advance", "set"])
            switch (body["advance"], body["set"]) {
            case (let advance?, nil):
                guard let seconds = ClockControl.parseDuration(advance) else {
                    throw .badRequest("invalid_duration", "advance: expected \"90s\", \"11m\", \"2h\", \"3d\" or a number of seconds, got \(JSONSerializer.string(advance))")
                }
                control.advance(by: seconds)
            case (nil, let set?):
                guard let text = set.stringValue, let instant = ClockControl.parseInstant(text) else {
                    throw .badRequest("invalid_time", "set: expected an ISO 8601 date and time such as \"2026-01-01T09:00:00Z\", got \(JSONSerializer.string(set))")
                }
                control.set(to: instant)
            default:
                throw .badRequest("invalid_clock", "Give exactly one of 'advance' (\"2h\", \"90s\", seconds) or 'set' (ISO 8601).")
            }
            logger.notice("clock moved", [("now", UTCTimestamp.iso8601(state.clock.now()))])
            return ok(control.json)
        }
    }

    // MARK: Plumbing

    private func route(_ router: inout MockControlRoutes, _ method: HTTPMethod, _ pattern: String,
                       _ handler: @escaping @Sendable (HTTPRequest) throws(AdminAPIError) -> HTTPResponse) {
        route(&router, method, pattern) { request, _ throws(AdminAPIError) in try handler(request) }
    }

    /// `pattern` is the full `/_mock/...` path, as documented; the group adds the prefix back.
    private func route(_ router: inout MockControlRoutes, _ method: HTTPMethod, _ pattern: String,
                       _ handler: @escaping @Sendable (HTTPRequest, RequestContext) throws(AdminAPIError) -> HTTPResponse) {
        router.add(method, String(pattern.dropFirst(MockControlRoutes.prefix.count))) { request, context in
            try handler(request, context)
        }
    }

    func ok(_ value: JSONValue, status: HTTPStatus = .ok) -> HTTPResponse {
        .json(JSONSerializer.bytes(value), status: status, headers: ["Cache-Control": "no-store"])
    }

    static func unknownFault(_ id: String) -> AdminAPIError {
        AdminAPIError(.notFound, "unknown_fault", "No fault '\(id)'; GET /_mock/faults lists them.")
    }

    static func json(_ request: HTTPRequest) throws(AdminAPIError) -> JSONValue {
        do {
            return try JSONParser.parse(request.body)
        } catch {
            throw .badRequest("invalid_json", "The body is not valid JSON: \(error.description).")
        }
    }

    static func object(_ request: HTTPRequest, allowed: [String]) throws(AdminAPIError) -> JSONObject {
        guard let object = try json(request).objectValue else { throw .badRequest("invalid_json", "The body must be a JSON object.") }
        for key in object.keys where !allowed.contains(key) {
            throw .badRequest("unknown_member", "Unknown member '\(key)'; allowed members: \(allowed.joined(separator: ", ")).")
        }
        return object
    }
}
