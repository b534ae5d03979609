import HTTPServer

/// What the fault plane adds to a request's `RequestOutcome`: the ids of the faults that fired
/// on it, so the journal shows each firing as part of the request it changed.
public struct FaultRequestOutcome: RequestOutcomeKey, Sendable {
    public typealias Value = FaultRequestOutcome

    /// `fault-1`, … in firing order.
    public var faultIDs: [String] = []
    /// The kinds, in the same order.
    public var kinds: [String] = []

    public init() {}
}
