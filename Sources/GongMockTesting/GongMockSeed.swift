import Essentials
import GongMock

/// Where an in-process mock's seed comes from: a file, JSON text, a parsed value, or a builder.
/// The same document as `--seed` (`Fixtures/seed.schema.json`); a mistake throws `SeedError`
/// with its JSON path.
public enum GongMockSeed: Sendable {
    /// No seed: the built-in company, no integrations, a random admin token.
    case none
    case file(String)
    case json(String)
    case value(SeedFile)

    /// Builds a seed in code: `.build { $0.integration("CI", redirectURIs: [...], clientId: "ci", clientSecret: "...") }`.
    public static func build(_ body: (inout GongMockSeedBuilder) -> Void) -> GongMockSeed {
        var builder = GongMockSeedBuilder()
        body(&builder)
        return .value(builder.seed)
    }

    func load() throws -> SeedFile? {
        switch self {
        case .none: return nil
        case .file(let path): return try SeedFile.read(path: path)
        case .json(let text): return try SeedFile.read(bytes: Array(text.utf8), fileName: "seed")
        case .value(let seed): return seed
        }
    }
}

/// A seed assembled in code (see `GongMockSeed.build`).
public struct GongMockSeedBuilder: Sendable {
    public var seed = SeedFile()

    public init() {}

    public mutating func adminToken(_ token: String) { seed.adminToken = token }

    public mutating func autoApprove(_ email: String) { seed.autoApprove = email }

    public mutating func credits(balance: Double, total: Double? = nil) {
        seed.credits = SeedFile.Credits(balance: balance, total: total ?? balance)
    }

    /// An integration with fixed credentials (so the client under test can be configured up front).
    public mutating func integration(_ name: String, redirectURIs: [String], context: AuthorizationContext = .personal,
                                     registration: RegistrationType = .manual, scopes: [MCPScope] = MCPScope.allCases,
                                     clientId: String? = nil, clientSecret: String? = nil) {
        seed.integrations.append(IntegrationDraft(name: name, authorizationContext: context, registrationType: registration,
                                                  redirectURIs: redirectURIs, scopes: scopes.map(\.rawValue), clientId: clientId, clientSecret: clientSecret))
    }

    public mutating func fault(_ spec: FaultSpec) { seed.faults.append(spec) }
}
