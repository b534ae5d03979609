/// The discovery documents (RFC 8414 §3.2 authorization server metadata, RFC 9728 §3.2
/// protected resource metadata) serialised once per configuration: they change only when the
/// configuration does (`OAuthServer.updateConfiguration` drops them) or when the policy's
/// answer on dynamic registration does (checked per request, as it is the one live input).
/// Faults that rewrite a document (issuer-trailing-slash) work on the bytes of the response,
/// so they never reach this cache.
struct DiscoveryDocuments: Sendable {
    let registrationAdvertised: Bool
    let authorizationServer: [UInt8]
    let protectedResource: [UInt8]
}
