/// A closed interval of epoch seconds (UTC) that a conversation's start must fall in.
public struct TimeRange: Sendable, Hashable {
    public let from: Double
    public let to: Double

    public init(from: Double, to: Double) {
        self.from = from
        self.to = to
    }

    public static let unbounded = TimeRange(from: -.infinity, to: .infinity)

    public func contains(_ time: Double) -> Bool { time >= from && time <= to }
}
