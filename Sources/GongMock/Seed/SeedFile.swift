import Essentials
import FoundationEssentials
import OAuth

/// The `--seed FILE` fixture: what CI declares up front (issue #3 §6). JSON, strict: an unknown
/// key or a bad value refuses to start, naming the key path (`SeedError`).
///
/// ```json
/// {
///   "adminToken": "ci-admin-token-0123456789",        // optional: fixed admin API Bearer token (>= 16 chars)
///   "adminLoginToken": "ci-login-token-0123456789",   // optional: fixed one-time admin login token (>= 16 chars)
///   "autoApprove": "priya.raman@northwind-analytics.com",  // optional: sign in as this user without a consent page
///   "credits": { "balance": 5000, "total": 10000 },    // optional: credit pool; total defaults to balance
///   "integrations": [                                  // optional
///     {
///       "id": "7000000000000000001",                   // optional fixed id (digits or [A-Za-z0-9_-])
///       "name": "Claude",                              // required
///       "authorizationContext": "PERSONAL",            // "PERSONAL" (default) or "SHARED"
///       "registrationType": "MANUAL",                  // "MANUAL" (default) or "AUTOMATIC"
///       "redirectURIs": ["https://claude.ai/api/mcp/auth_callback"], // required (may be [] with chatGPTDynamicRedirect)
///       "chatGPTDynamicRedirect": false,               // optional, see RedirectURIRules
///       "scopes": ["mcp:ai-ask:read"],                 // optional, default all three
///       "clientId": "ci-client", "clientSecret": "ci-secret-0123456789" // optional fixed credentials
///     }
///   ]
/// }
/// ```
/// Redirect URIs go through `RedirectURIRules` at load time. `Fixtures/seed-example.json` is a
/// complete example.
///
/// **Extending it**: later issues (users, faults, …) add a row to `SeedFile.topLevelKeys` — a
/// key name and a parse function that stores its result in `SeedFile.extensions` or in a new
/// stored property — and nothing else; unknown keys stay errors.
public struct SeedFile: Sendable, Equatable {
    public struct Credits: Sendable, Equatable {
        public var balance: Double
        public var total: Double
        public init(balance: Double, total: Double) {
            self.balance = balance
            self.total = total
        }
    }

    public var integrations: [IntegrationDraft] = []
    public var credits: Credits?
    public var adminToken: String?
    public var adminLoginToken: String?
    public var autoApprove: String?
    /// Faults present from the start (`faults`, the same declarations as `POST /_mock/faults`).
    public var faults: [FaultSpec] = []
    /// Where the virtual clock starts (`clock`, ISO 8601), as `--clock` sets it.
    public var clock: Double?
    /// The instant the company fixture's relative times resolve against (`company.anchoredAt`,
    /// ISO 8601); nil: the clock's start, and reset re-anchors to the clock's now.
    public var companyAnchor: Double?
    /// How a call the pool cannot pay for is refused (`creditsExhausted`, as `--credits-exhausted`).
    public var creditsExhausted: CreditExhaustionMode?
    /// Clients registered by DCR under AUTOMATIC integrations (`registeredClients`).
    public var registeredClients: [RegisteredClient] = []
    /// Grants and their refresh-token hashes (`oauthGrants`).
    public var oauthGrants: [OAuthServer.ExportedGrant] = []
    /// Values of keys added by later issues, already validated by their parse functions, by key.
    public var extensions: [String: JSONValue] = [:]

    public init() {}

    /// A known top-level key and how to read it into the seed.
    public struct Key: Sendable {
        public let name: String
        public let parse: @Sendable (JSONValue, inout SeedFile, SeedFileContext) throws(SeedError) -> Void

        public init(_ name: String, parse: @escaping @Sendable (JSONValue, inout SeedFile, SeedFileContext) throws(SeedError) -> Void) {
            self.name = name
            self.parse = parse
        }
    }

    /// The file name in errors; what a parse function uses to build a `SeedError`.
    public struct SeedFileContext: Sendable {
        public let fileName: String
        public func error(_ keyPath: String, _ problem: String) -> SeedError { SeedError(file: fileName, keyPath: keyPath, problem: problem) }
    }

    /// The known top-level keys, in documentation order. The extension point.
    public static let topLevelKeys: [Key] = [
        Key("adminToken") { value, seed, context throws(SeedError) in
            seed.adminToken = try parseToken(value, at: "adminToken", context)
        },
        Key("adminLoginToken") { value, seed, context throws(SeedError) in
            seed.adminLoginToken = try parseToken(value, at: "adminLoginToken", context)
        },
        Key("autoApprove") { value, seed, context throws(SeedError) in
            let email = try SeedReader(file: context.fileName).nonEmptyString(value, at: "autoApprove")
            guard email.contains("@"), !email.contains(" ") else { throw context.error("autoApprove", "expected a user's email address, got \(SeedReader.describe(value))") }
            seed.autoApprove = email
        },
        Key("credits") { value, seed, context throws(SeedError) in
            seed.credits = try parseCredits(value, context)
        },
        Key("integrations") { value, seed, context throws(SeedError) in
            seed.integrations = try parseIntegrations(value, context)
        },
        Key("faults") { value, seed, context throws(SeedError) in
            let reader = SeedReader(file: context.fileName)
            var specs: [FaultSpec] = []
            for (index, element) in try reader.array(value, at: "faults").enumerated() {
                specs.append(try FaultSpec.parse(element, at: "faults[\(index)]", file: context.fileName))
            }
            seed.faults = specs
        },
        Key("clock") { value, seed, context throws(SeedError) in
            seed.clock = try parseInstant(value, at: "clock", context)
        },
        Key("creditsExhausted") { value, seed, context throws(SeedError) in
            seed.creditsExhausted = try parseExhaustionMode(value, context)
        },
        Key("registeredClients") { value, seed, context throws(SeedError) in
            seed.registeredClients = try parseRegisteredClients(value, context)
        },
        Key("oauthGrants") { value, seed, context throws(SeedError) in
            seed.oauthGrants = try parseGrants(value, context)
        },
        Key("company") { value, seed, context throws(SeedError) in
            seed.companyAnchor = try parseCompany(value, context)
        },
    ]

    // MARK: Loading

    public static func load(path: String) throws(SeedError) -> SeedFile {
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SeedError(file: path, keyPath: "", problem: "cannot read the file (missing or not readable)")
        }
        return try parse(Array(data), fileName: fileName)
    }

    public static func parse(_ bytes: [UInt8], fileName: String = "seed.json") throws(SeedError) -> SeedFile {
        let context = SeedFileContext(fileName: fileName)
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            let (line, column) = position(of: error.offset, in: bytes)
            throw context.error("", "invalid JSON at line \(line), column \(column): \(error.reason)")
        }
        let reader = SeedReader(file: fileName)
        let root = try reader.object(document, at: "(top level)")
        var seed = SeedFile()
        let known = topLevelKeys.map(\.name)
        for (key, value) in root {
            guard let entry = topLevelKeys.first(where: { $0.name == key }) else {
                throw context.error(key, "unknown key; known keys: \(known.joined(separator: ", "))")
            }
            try entry.parse(value, &seed, context)
        }
        return seed
    }

    /// `load(path:)` or `parse(_:)` with an untyped error, for other modules (a typed error
    /// thrown across the module boundary crashed Swift 6.0 callers).
    public static func read(path: String? = nil, bytes: [UInt8] = [], fileName: String = "seed.json") throws -> SeedFile {
        if let path { return try load(path: path) }
        return try parse(bytes, fileName: fileName)
    }

    static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, column = 1
        for byte in bytes.prefix(offset) {
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    static func parseToken(_ value: JSONValue, at path: String, _ context: SeedFileContext) throws(SeedError) -> String {
        let token = try SeedReader(file: context.fileName).string(value, at: path)
        guard token.utf8.count >= 16, token.utf8.count <= 256, token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw context.error(path, "expected 16 to 256 printable ASCII characters without spaces")
        }
        return token
    }

    static func parseCredits(_ value: JSONValue, _ context: SeedFileContext) throws(SeedError) -> Credits {
        let reader = SeedReader(file: context.fileName)
        let object = try reader.object(value, at: "credits")
        try reader.checkKeys(object, known: ["balance", "total"], at: "credits")
        let balance = try reader.nonNegativeNumber(try reader.require(object, "balance", at: "credits"), at: "credits.balance")
        let total = try object["total"].map { (value: JSONValue) throws(SeedError) -> Double in try reader.nonNegativeNumber(value, at: "credits.total") } ?? balance
        guard balance <= total else {
            throw context.error("credits.balance", "the balance (\(JSONValue.number(balance))) cannot exceed the total (\(JSONValue.number(total)))")
        }
        return Credits(balance: balance, total: total)
    }
}
