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
    /// `access-token-expire`: when it armed (the expiry the refusal names).
    var armedAt: Double?
    /// `access-token-expire`: the access-token issuance mark when it armed; tokens issued before
    /// it (exactly, by issuance order, not by their second-resolution `iat`) count as expired,
    /// tokens issued from then on pass.
    var issuedBefore: UInt64?

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
