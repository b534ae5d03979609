import ArgumentParser
import GongMock
import MCP
import OAuth

/// The Gong-specific flags of `gong-mock serve`. Defaults are mcp.gong.io's observed behaviour;
/// every flag that deviates from it says so in its help text.
struct GongOptionGroup: ParsableArguments {
    @Option(help: "Company fixture directory replacing the built-in one (see Fixtures/README.md).")
    var fixtures: String?

    @Option(help: "Seed file (JSON, schema Fixtures/seed.schema.json): integrations with fixed credentials, credits, admin token, auto-approve user, faults, clock, company anchor. A mistake is refused with its JSON path.")
    var seed: String?

    @Option(help: "Start the virtual clock at this ISO 8601 time (e.g. 2026-01-01T09:00:00Z); it runs on from there. Codes, tokens, sessions, credits, Date header, logs and company data follow it; POST /_mock/clock moves it.")
    var clock: String?

    @Option(name: .customLong("random-seed"), help: "Seed the generated integration ids, client ids and secrets and the tools' request ids: the same seed gives the same ids in the same order (OAuth codes and tokens stay unpredictable).")
    var randomSeed: UInt64?

    @Option(name: .customLong("state-dir"), help: "Persist state in DIR/gong-mock-state.sqlite (WAL, synchronous=FULL); /_mock reset, restore and PUT state are persisted too. Default: memory only.")
    var stateDirectory: String?

    @Option(name: .customLong("auto-approve"), help: "Approve authorization requests as this user (email or id) without the consent page: headless OAuth for CI.")
    var autoApprove: String?

    @Option(name: .customLong("token-ttl"), help: "Access-token lifetime in seconds (Gong's is not public).")
    var tokenTTL = 3600

    @Option(name: .customLong("refresh-token-ttl"), help: "Refresh-token lifetime in seconds, renewed by every rotation (Gong's is not public). Default: a refresh token lives until its grant is revoked. A grant whose token expired is forgotten after --grant-retention, so a long run's memory follows the grants in use.")
    var refreshTokenTTL: Int?

    @Option(name: .customLong("grant-retention"), help: "Seconds an ended grant (revoked, or its refresh token expired) is remembered, with the precise refusal, before it and its tokens are forgotten (at least --token-ttl; default 86400). Its tokens stay refused after.")
    var grantRetention = 86_400

    @Option(name: .customLong("signing-alg"), help: "Access-token signature: ES256 or RS256.")
    var signingAlgorithm = "ES256"

    @Option(help: "Advertise registration_endpoint (DCR): auto (while an AUTOMATIC integration exists), on, off.")
    var registration = "auto"

    @Flag(help: "Deviation: serve RFC 7009 revocation at /oauth2/revoke and advertise it.")
    var revocation = false

    @Flag(help: "Deviation: serve RFC 7662 introspection at /oauth2/introspect and advertise it.")
    var introspection = false

    @Flag(name: .customLong("jwks-uri"), help: "Deviation: advertise jwks_uri (/oauth2/jwks is always served).")
    var jwksURI = false

    @Flag(name: .customLong("iss-parameter"), help: "Deviation: advertise authorization_response_iss_parameter_supported (RFC 9207).")
    var issParameter = false

    @Flag(help: "Deviation: advertise client_id_metadata_document_supported (CIMD from offline documents).")
    var cimd = false

    @Flag(name: .customLong("public-clients"), help: "Deviation: allow token_endpoint_auth_method=none (public DCR/CIMD clients).")
    var publicClients = false

    @Option(name: .customLong("scope-policy"), help: "A scope request beyond the integration's scopes: overlap (default; grant the overlap, RFC 6749 §3.3, Gong is silent) or strict (invalid_scope).")
    var scopePolicy = "overlap"

    @Flag(name: .customLong("root-prm"), help: "Deviation: serve protected-resource metadata at the root well-known path (Gong answers 401 there).")
    var rootPRM = false

    @Option(help: "Gong tools served: 2026-06 (default: ask_account, ask_deal, generate_brief) or 2026-11 (adds research_conversations and search_conversations, named on Gong's credit page of 2026-11-17; their arguments are the mock's).")
    var tools = GongToolset.default.rawValue

    @Option(help: "MCP eras served: legacy (default: 2025-03-26…2025-11-25 with initialize, as mcp.gong.io), dual (also 2026-07-28, chosen per request), modern (2026-07-28 only: server/discover, per-request _meta, no sessions).")
    var `protocol` = "legacy"

    @Option(name: .customLong("mcp-response"), help: "Answer MCP requests as json (default) or sse (priming event, progress, response).")
    var mcpResponse = "json"

    @Flag(name: .customLong("no-get-stream"), help: "Answer GET /mcp with 405 instead of opening the server-to-client SSE stream.")
    var noGetStream = false

    @Flag(help: "Stateless MCP: no Mcp-Session-Id, every POST stands alone.")
    var stateless = false

    @Flag(help: "Deviation: CORS on OAuth and MCP routes, for browser clients (MCP Inspector direct mode).")
    var cors = false

    @Option(name: .customLong("allowed-origin"), help: "An Origin allowed on /mcp (repeatable; default: localhost, 127.0.0.1 and [::1] on any port). '*' allows any.")
    var allowedOrigins: [String] = []

    @Option(help: "401 challenge style: gong (as mcp.gong.io: resource_metadata unquoted) or rfc (quoted, error on every 401).")
    var challenge = "gong"

    @Flag(name: .customLong("rotation-revokes-tokens"), help: "Deviation: rotating an integration's secret also revokes its tokens (Gong: the old secret stops at once, issued tokens live until they expire).")
    var rotationRevokesTokens = false

    @Option(name: .customLong("credits-exhausted"), help: "How an unaffordable tool call is refused: tool-error (default), jsonrpc-error, http-402, http-429. Wins over a seed's creditsExhausted; PUT /_mock/state may change it.")
    var creditsExhausted: String?

    @Option(name: .customLong("long-call-credits"), help: "Credits per analysed call over 10 minutes (Gong's rate is not public).")
    var longCallCredits = 1.0

    @Option(name: .customLong("short-call-credits"), help: "Credits per analysed call of 10 minutes or less (Gong's rate is not public).")
    var shortCallCredits = 0.5

    func validate() throws {
        guard (1...31_536_000).contains(tokenTTL) else { throw ValidationError("--token-ttl must be 1 to 31536000 seconds, got \(tokenTTL)") }
        if let refreshTokenTTL, !(1...315_360_000).contains(refreshTokenTTL) {
            throw ValidationError("--refresh-token-ttl must be 1 to 315360000 seconds, got \(refreshTokenTTL)")
        }
        guard (0...315_360_000).contains(grantRetention) else { throw ValidationError("--grant-retention must be 0 to 315360000 seconds, got \(grantRetention)") }
        guard OAuthConfiguration.SigningAlgorithm(rawValue: signingAlgorithm.uppercased()) != nil else {
            throw ValidationError("--signing-alg must be ES256 or RS256, got \"\(signingAlgorithm)\"")
        }
        guard ["auto", "on", "off"].contains(registration) else { throw ValidationError("--registration must be auto, on or off, got \"\(registration)\"") }
        guard GongToolset(rawValue: tools) != nil else { throw ValidationError("--tools must be 2026-06 or 2026-11, got \"\(tools)\"") }
        guard MCPProtocolMode(rawValue: `protocol`) != nil else { throw ValidationError("--protocol must be legacy, dual or modern, got \"\(`protocol`)\"") }
        guard MCPResponseMode(rawValue: mcpResponse) != nil else { throw ValidationError("--mcp-response must be json or sse, got \"\(mcpResponse)\"") }
        guard GongBearerAuthenticator.ChallengeStyle(rawValue: challenge) != nil else { throw ValidationError("--challenge must be gong or rfc, got \"\(challenge)\"") }
        guard ScopePolicy(rawValue: scopePolicy) != nil else { throw ValidationError("--scope-policy must be overlap or strict, got \"\(scopePolicy)\"") }
        if let creditsExhausted, CreditExhaustionMode(rawValue: creditsExhausted) == nil {
            throw ValidationError("--credits-exhausted must be one of \(CreditExhaustionMode.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(creditsExhausted)\"")
        }
        if let clock, ClockControl.parseInstant(clock) == nil {
            throw ValidationError("--clock must be an ISO 8601 date and time such as 2026-01-01T09:00:00Z, got \"\(clock)\"")
        }
        for rate in [longCallCredits, shortCallCredits] where !(rate.isFinite && rate >= 0 && rate <= 1000) {
            throw ValidationError("call credit rates must be between 0 and 1000, got \(rate)")
        }
    }

    /// The application options; reads and checks the seed file (a bad seed refuses to start).
    func makeOptions(publicURL: String?) throws -> GongMockOptions {
        var options = GongMockOptions()
        options.publicURL = publicURL
        options.fixturesDirectory = fixtures
        if let seed {
            do { options.seed = try SeedFile.load(path: seed) } catch { throw StartupFailure(message: "\(error)") }
        }
        options.stateDirectory = stateDirectory
        options.clockStart = clock.flatMap(ClockControl.parseInstant)
        options.randomSeed = randomSeed
        options.autoApproveEmail = autoApprove
        options.tokenTTL = tokenTTL
        options.refreshTokenTTL = refreshTokenTTL
        options.grantRetention = grantRetention
        options.signingAlgorithm = OAuthConfiguration.SigningAlgorithm(rawValue: signingAlgorithm.uppercased()) ?? .es256
        options.advertiseRegistration = registration == "auto" ? nil : registration == "on"
        options.revocation = revocation
        options.introspection = introspection
        options.advertiseJWKSURI = jwksURI
        options.advertiseIssParameter = issParameter
        options.clientIDMetadataDocuments = cimd
        options.noneAuthMethod = publicClients
        options.scopePolicy = ScopePolicy(rawValue: scopePolicy) ?? .overlap
        options.serveRootProtectedResourceMetadata = rootPRM
        options.toolset = GongToolset(rawValue: tools) ?? .default
        options.protocolMode = MCPProtocolMode(rawValue: `protocol`) ?? .legacy
        options.responseMode = MCPResponseMode(rawValue: mcpResponse) ?? .json
        options.getStreamEnabled = !noGetStream
        options.statefulSessions = !stateless
        options.cors = cors
        options.allowedOrigins = allowedOrigins.isEmpty ? nil : allowedOrigins
        options.challengeStyle = GongBearerAuthenticator.ChallengeStyle(rawValue: challenge) ?? .gong
        options.rotationRevokesTokens = rotationRevokesTokens
        options.creditExhaustion = creditsExhausted.flatMap(CreditExhaustionMode.init(rawValue:))
        options.pricing = CreditPricing(longCallRate: CreditAmount(credits: longCallCredits), shortCallRate: CreditAmount(credits: shortCallCredits))
        return options
    }
}
