/// What the checks compare a client against: the deployment's MCP URL and metadata.
public struct VerdictContext: Sendable {
    /// The protected resource, which `resource` must name (RFC 8707).
    public let mcpURL: String
    /// Paths serving protected-resource metadata (RFC 9728 §3: path-inserted and root).
    public let protectedResourceMetadataPaths: Set<String>
    /// `token_endpoint_auth_methods_supported` as advertised.
    public let tokenEndpointAuthMethods: [String]

    public init(mcpURL: String, protectedResourceMetadataPaths: Set<String>, tokenEndpointAuthMethods: [String]) {
        self.mcpURL = mcpURL
        self.protectedResourceMetadataPaths = protectedResourceMetadataPaths
        self.tokenEndpointAuthMethods = tokenEndpointAuthMethods
    }
}
