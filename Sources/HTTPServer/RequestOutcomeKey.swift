/// Names one typed slot of a `RequestOutcome`. Each layer declares its own key next to the value
/// it records (`OAuthRequestOutcome`, `MCPRequestOutcome`, …), so HTTPServer stays ignorant of
/// them, as in Hummingbird's typed request context.
public protocol RequestOutcomeKey: Sendable {
    associatedtype Value: Sendable
}
