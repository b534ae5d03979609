import Essentials

/// A fault the plane holds: the declaration, its id, how often it fired, and the little state
/// some kinds keep while they wait or arm.
public struct Fault: Sendable, Equatable {
    public let id: String
    public let spec: FaultSpec
    public internal(set) var fired: Int = 0
    /// Requests (or tool calls) of the aimed client counted since the fault was added
    /// (`afterCalls`, `atCall`).
    var seen: Int = 0
    /// `access-token-expire`: when it armed; tokens issued up to then count as expired.
    var armedAt: Double?
    /// `access-token-expire`: when the client next asked the token endpoint after arming;
    /// tokens issued from then on are new and pass.
    var reissuedAt: Double?
    /// `access-token-expire`: token ids already refused, refused again whatever their age.
    var expiredTokenIDs: Set<String> = []

    init(id: String, spec: FaultSpec) {
        self.id = id
        self.spec = spec
    }

    /// True once `times` firings happened; a spent fault stays listed until deleted.
    public var isSpent: Bool { spec.times.map { fired >= $0 } ?? false }

    var json: JSONValue {
        var object = JSONObject()
        object["id"] = .string(id)
        for (key, value) in spec.json.members { object[key] = value }
        object["fired"] = .number(Double(fired))
        object["spent"] = .bool(isSpent)
        return .object(object)
    }
}
