/// An amount of Gong credits, held as an integer number of hundredths so that balances never
/// drift (0.1 + 0.2 is exactly 0.3 here). Gong's published rates (0.1 per email) and the mock's
/// call rates (0.5 / 1) are all exact in hundredths.
public struct CreditAmount: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral {
    public let hundredths: Int64

    public init(hundredths: Int64) { self.hundredths = hundredths }

    /// Rounds to the nearest hundredth (half away from zero); non-finite values become zero.
    public init(credits: Double) {
        guard credits.isFinite, abs(credits) < 9e16 else {
            hundredths = 0
            return
        }
        hundredths = Int64((credits * 100).rounded(.toNearestOrAwayFromZero))
    }

    public init(integerLiteral value: Int64) { hundredths = value * 100 }
    public init(floatLiteral value: Double) { self.init(credits: value) }

    public static let zero = CreditAmount(hundredths: 0)

    public var credits: Double { Double(hundredths) / 100 }

    public static func + (lhs: CreditAmount, rhs: CreditAmount) -> CreditAmount {
        CreditAmount(hundredths: lhs.hundredths &+ rhs.hundredths)
    }

    public static func - (lhs: CreditAmount, rhs: CreditAmount) -> CreditAmount {
        CreditAmount(hundredths: lhs.hundredths &- rhs.hundredths)
    }

    public static func * (lhs: CreditAmount, rhs: Int) -> CreditAmount {
        CreditAmount(hundredths: lhs.hundredths &* Int64(rhs))
    }

    public static func < (lhs: CreditAmount, rhs: CreditAmount) -> Bool { lhs.hundredths < rhs.hundredths }

    /// Shortest exact decimal: `12`, `12.5`, `0.05`, `-3.1`.
    public var description: String {
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = hundredths.magnitude
        let whole = magnitude / 100
        let fraction = magnitude % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
