import FoundationEssentials
import Synchronization

/// The one source of "now" for everything time-dependent (code and token expiry, sessions,
/// credit usage rows), so QA can move a virtual clock and tests never sleep.
public protocol ServerClock: Sendable {
    /// Seconds since the Unix epoch, with sub-second precision.
    func now() -> Double
}

extension ServerClock {
    /// Whole seconds since the Unix epoch (what JWT `iat`/`exp` carry).
    public func nowSeconds() -> Int64 { Int64(now().rounded(.down)) }
}

/// Real time.
public struct SystemClock: ServerClock {
    public init() {}
    public func now() -> Double { Date().timeIntervalSince1970 }
}

/// Real time shifted by an adjustable offset: the virtual clock of the test controls.
/// Advancing it never moves time backwards for observers that only see `now()` grow.
public final class AdjustableClock: ServerClock {
    private let base: any ServerClock
    private let offset = Mutex<Double>(0)

    public init(base: any ServerClock = SystemClock(), offsetSeconds: Double = 0) {
        self.base = base
        offset.withLock { $0 = offsetSeconds }
    }

    public func now() -> Double { base.now() + offset.withLock { $0 } }

    public var offsetSeconds: Double { offset.withLock { $0 } }

    public func advance(by seconds: Double) { offset.withLock { $0 += seconds } }

    public func setOffset(_ seconds: Double) { offset.withLock { $0 = seconds } }
}

/// A clock that only moves when told to; for deterministic tests.
public final class ManualClock: ServerClock {
    private let current: Mutex<Double>

    public init(startingAt seconds: Double = 1_790_000_000) { current = Mutex(seconds) }

    public func now() -> Double { current.withLock { $0 } }

    public func advance(by seconds: Double) { current.withLock { $0 += seconds } }

    public func set(_ seconds: Double) { current.withLock { $0 = seconds } }
}
