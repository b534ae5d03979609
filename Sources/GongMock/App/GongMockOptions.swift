import MCP
import OAuth

/// Everything `gong-mock serve` can be told, with Gong-faithful defaults. Each deviation from
/// mcp.gong.io's observed behaviour is a named switch here, in `--help` and in the README.
public struct GongMockOptions: Sendable {
    /// What documents advertise as the origin (behind a proxy or tunnel); default: the bound URL.
    public var publicURL: String?
    /// A company fixture directory replacing the built-in one.
    public var fixturesDirectory: String?
    /// The parsed `--seed` file.
    public var seed: SeedFile?
    /// Where state persists (SQLite); nil keeps everything in memory.
    public var stateDirectory: String?
    /// Approve authorization requests as this user without showing the consent page.
    public var autoApproveEmail: String?
    /// Access-token lifetime in seconds (Gong's is not public; 3600 is the mock's choice).
    public var tokenTTL: Int = 3600
    /// Refresh-token lifetime in seconds; nil (default): until the grant is revoked.
    public var refreshTokenTTL: Int?
    /// Seconds an ended grant is remembered before it is forgotten (issue #16; at least `tokenTTL`).
    public var grantRetention: Int = 86_400
    public var signingAlgorithm: OAuthConfiguration.SigningAlgorithm = .es256
    /// Where the virtual clock starts (`--clock`; else the seed's `clock`; else real time).
    public var clockStart: Double?
    /// Seed for generated ids and secrets (`--random-seed`): the same seed, the same ids.
    public var randomSeed: UInt64?

    // OAuth switches (all off, as on mcp.gong.io, unless said otherwise).
    /// nil: advertise `registration_endpoint` only while an AUTOMATIC integration exists.
    public var advertiseRegistration: Bool?
    public var revocation = false
    public var introspection = false
    public var advertiseJWKSURI = false
    public var advertiseIssParameter = false
    public var clientIDMetadataDocuments = false
    public var noneAuthMethod = false
    public var serveRootProtectedResourceMetadata = false
    /// Scope requests beyond an integration's scopes get the overlap (Gong is silent; RFC 6749 §3.3
    /// allows it and MCP clients ask for every advertised scope) or, `.strict`, `invalid_scope`.
    public var scopePolicy: ScopePolicy = .overlap

    // MCP switches.
    /// Gong tools served: the launch three (default) or `2026-11` (+ research_conversations, search_conversations).
    public var toolset: GongToolset = .default
    /// MCP eras served: legacy (2025 revisions with initialize, as mcp.gong.io is observed),
    /// dual, or modern (2026-07-28 only).
    public var protocolMode: MCPProtocolMode = .legacy
    public var responseMode: MCPResponseMode = .json
    public var getStreamEnabled = true
    public var statefulSessions = true
    public var cors = false
    public var allowedOrigins: [String]?
    public var challengeStyle: GongBearerAuthenticator.ChallengeStyle = .gong
    /// DNS-rebinding protection (MCP "Security Warning"): when the server listens on loopback only,
    /// `/mcp` answers 421 to a `Host` other than localhost, 127.0.0.1, [::1] or the public URL's host.
    public var loopbackHostCheck = false
    /// `--trust-proxy`: believe `X-Forwarded-Proto/Host/For` (`ForwardedHeadersMiddleware`, first in
    /// the chain). URLs still come from `publicURL` alone.
    public var trustProxy = false

    /// Deviation: rotating an integration's secret also revokes its grants. Gong (and the default)
    /// only replaces the secret: the old one stops at once, issued tokens live until they expire.
    public var rotationRevokesTokens = false

    // Credits.
    /// `--credits-exhausted`; nil: the seed's `creditsExhausted`, else `tool-error`.
    public var creditExhaustion: CreditExhaustionMode?
    public var pricing: CreditPricing = .default

    /// The request journal (`--journal-size`, `--journal-bytes`, `--journal FILE`).
    public var journal = Journal.Configuration()

    public init() {}

    /// The clock start in force: `--clock` wins over the seed's `clock`.
    public var effectiveClockStart: Double? { clockStart ?? seed?.clock }
}
