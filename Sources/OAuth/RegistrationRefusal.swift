/// A policy's refusal of a dynamic registration, rendered as RFC 7591 §3.2.2 error JSON (400).
public struct RegistrationRefusal: Error, Sendable, Equatable {
    public enum Code: String, Sendable {
        case invalidRedirectURI = "invalid_redirect_uri"
        case invalidClientMetadata = "invalid_client_metadata"
    }

    public let code: Code
    /// Sent as `error_description` and logged; name the URI or field at fault.
    public let explanation: String

    public init(_ code: Code, _ explanation: String) {
        self.code = code
        self.explanation = explanation
    }
}
