import Essentials

/// The result of running one Gong tool. A failure carries the Gong-like text the MCP layer puts
/// in an `isError` result; it is never charged.
public enum GongToolOutcome: Sendable, Hashable {
    /// `structured` is the Gong-shaped response (also the tool's `structuredContent`), already
    /// serialised; `usage` is what to price with `CreditPricing`.
    case success(structured: EncodedJSON, usage: DataUsage)
    case failure(message: String)
}
