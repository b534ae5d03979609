import Synchronization

/// The one source of the mock's identifiers and generated secrets (integration ids, client ids
/// and secrets, admin tokens, tool request ids). By default it draws from the system CSPRNG;
/// seeded (`--random-seed`), it is SplitMix64 (Steele, Lea, Flood 2014), so a seeded run hands out
/// the same ids in the same order every time. Its position is part of the test controls'
/// snapshots, so a restored run continues the same sequence. Thread-safe.
public final class RandomSource: Sendable {
    /// nil: the system generator; else SplitMix64's state.
    private let state: Mutex<UInt64?>

    public init(seed: UInt64? = nil) { state = Mutex(seed) }

    /// A fresh system-backed source.
    public static var system: RandomSource { RandomSource() }

    public var isSeeded: Bool { state.withLock { $0 != nil } }

    public func next() -> UInt64 {
        state.withLock { state -> UInt64 in
            guard var current = state else {
                var system = SystemRandomNumberGenerator()
                return system.next()
            }
            current &+= 0x9E37_79B9_7F4A_7C15
            state = current
            var mixed = current
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    /// A value in `range`, unbiased (rejection sampling).
    public func next(in range: ClosedRange<UInt64>) -> UInt64 {
        let span = range.upperBound &- range.lowerBound
        if span == .max { return next() }
        let bound = span &+ 1
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let value = next()
            if value < limit { return range.lowerBound &+ value % bound }
        }
    }

    /// The generator's position (nil when system-backed), for snapshots.
    public var position: UInt64? { state.withLock { $0 } }

    /// Puts a seeded generator back at `position` (no effect on a system-backed one).
    public func restore(position: UInt64?) {
        state.withLock { state in if state != nil, let position { state = position } }
    }
}
