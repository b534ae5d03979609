import Essentials
import OAuth

/// The seed's per-run OAuth state, so `GET /_mock/state` then `PUT /_mock/state` keeps clients
/// working: `registeredClients` (RFC 7591 Dynamic Client Registration under AUTOMATIC
/// integrations, with their secrets), `oauthGrants` (each grant with its refresh-token chain by
/// SHA-256 hash, never the tokens: OAuth 2.0 Security BCP §4.14) and `creditsExhausted`.
extension SeedFile {
    static let registeredClientKeys = ["clientId", "clientSecret", "authMethod", "redirectURIs", "name", "integrationId", "createdAt"]
    static let grantKeys = ["id", "clientId", "subjectId", "scopes", "resource", "claims", "createdAt", "revokedAt", "revocationReason", "refreshTokens"]
    static let refreshTokenKeys = ["hash", "issuedAt", "expiresAt", "rotatedAt", "replacedByHash"]

    static func parseExhaustionMode(_ value: JSONValue, _ context: SeedFileContext) throws(SeedError) -> CreditExhaustionMode {
        let text = try SeedReader(file: context.fileName).choice(value, at: "creditsExhausted", CreditExhaustionMode.allCases.map(\.rawValue))
        return CreditExhaustionMode(rawValue: text) ?? .toolError
    }

    static func parseRegisteredClients(_ value: JSONValue, _ context: SeedFileContext) throws(SeedError) -> [RegisteredClient] {
        let reader = SeedReader(file: context.fileName)
        var clients: [RegisteredClient] = []
        for (path, object, clientId) in try entries(value, list: "registeredClients", known: registeredClientKeys, idKey: "clientId", reader) {
            let methodText = try reader.choice(try reader.require(object, "authMethod", at: path), at: path + ".authMethod",
                                               RegisteredClient.AuthMethod.allCases.map(\.rawValue))
            let method = RegisteredClient.AuthMethod(rawValue: methodText) ?? .none
            let secret = try object["clientSecret"].map { (value: JSONValue) throws(SeedError) in try reader.nonEmptyString(value, at: path + ".clientSecret") }
            if (method == .none) != (secret == nil) {
                throw context.error(path + ".clientSecret", method == .none
                    ? "a client with authMethod \"none\" is public and has no secret; leave it out"
                    : "required for authMethod \"\(methodText)\"")
            }
            let uris = try reader.stringArray(try reader.require(object, "redirectURIs", at: path), at: path + ".redirectURIs")
            guard !uris.isEmpty else { throw context.error(path + ".redirectURIs", "expected at least one redirect URI (RFC 7591 §2)") }
            clients.append(RegisteredClient(
                clientId: clientId, clientSecret: secret, authMethod: method, redirectURIs: uris,
                name: try object["name"].map { (value: JSONValue) throws(SeedError) in try reader.string(value, at: path + ".name") },
                integrationId: try reader.nonEmptyString(try reader.require(object, "integrationId", at: path), at: path + ".integrationId"),
                createdAt: try time(object["createdAt"], at: path + ".createdAt", reader) ?? 0))
        }
        return clients
    }

    static func parseGrants(_ value: JSONValue, _ context: SeedFileContext) throws(SeedError) -> [OAuthServer.ExportedGrant] {
        let reader = SeedReader(file: context.fileName)
        var grants: [OAuthServer.ExportedGrant] = []
        var hashes: [String: String] = [:]
        for (path, object, id) in try entries(value, list: "oauthGrants", known: grantKeys, idKey: "id", reader) {
            let clientId = try reader.nonEmptyString(try reader.require(object, "clientId", at: path), at: path + ".clientId")
            let claims = try object["claims"].map { (value: JSONValue) throws(SeedError) -> JSONObject in try reader.object(value, at: path + ".claims") } ?? JSONObject()
            let grant = GrantRecord(
                id: id, clientID: clientId,
                subjectID: try reader.nonEmptyString(try reader.require(object, "subjectId", at: path), at: path + ".subjectId"),
                scopes: try reader.stringArray(try reader.require(object, "scopes", at: path), at: path + ".scopes"),
                resource: try object["resource"].map { (value: JSONValue) throws(SeedError) in try reader.nonEmptyString(value, at: path + ".resource") },
                claims: claims,
                createdAt: try time(try reader.require(object, "createdAt", at: path), at: path + ".createdAt", reader) ?? 0,
                revokedAt: try time(object["revokedAt"], at: path + ".revokedAt", reader),
                revocationReason: try object["revocationReason"].map { (value: JSONValue) throws(SeedError) in try reader.string(value, at: path + ".revocationReason") })
            var tokens: [RefreshTokenRecord] = []
            for (tokenIndex, tokenValue) in try reader.array(object["refreshTokens"] ?? .array([]), at: path + ".refreshTokens").enumerated() {
                let tokenPath = "\(path).refreshTokens[\(tokenIndex)]"
                let token = try reader.object(tokenValue, at: tokenPath)
                try reader.checkKeys(token, known: refreshTokenKeys, at: tokenPath)
                let hash = try reader.string(try reader.require(token, "hash", at: tokenPath), at: tokenPath + ".hash")
                guard isTokenHash(hash) else {
                    throw context.error(tokenPath + ".hash", "expected the token's SHA-256 digest in base64url (43 characters), never the token itself")
                }
                if let previous = hashes[hash] { throw context.error(tokenPath + ".hash", "already used by \(previous)") }
                hashes[hash] = tokenPath
                let replacedBy = try token["replacedByHash"].map { (value: JSONValue) throws(SeedError) -> String in
                    let text = try reader.string(value, at: tokenPath + ".replacedByHash")
                    guard isTokenHash(text) else { throw context.error(tokenPath + ".replacedByHash", "expected a SHA-256 digest in base64url (43 characters)") }
                    return text
                }
                tokens.append(RefreshTokenRecord(
                    tokenHash: hash, grantID: id, clientID: clientId,
                    issuedAt: try time(try reader.require(token, "issuedAt", at: tokenPath), at: tokenPath + ".issuedAt", reader) ?? 0,
                    expiresAt: try time(token["expiresAt"], at: tokenPath + ".expiresAt", reader),
                    rotatedAt: try time(token["rotatedAt"], at: tokenPath + ".rotatedAt", reader),
                    replacedByHash: replacedBy))
            }
            grants.append(OAuthServer.ExportedGrant(grant: grant, refreshTokens: tokens))
        }
        return grants
    }

    /// The elements of the array `list`, each an object with only `known` keys and a non-empty
    /// `idKey` no earlier element has, with its JSON path.
    static func entries(_ value: JSONValue, list: String, known: [String], idKey: String,
                        _ reader: SeedReader) throws(SeedError) -> [(path: String, object: JSONObject, id: String)] {
        var result: [(path: String, object: JSONObject, id: String)] = []
        var seen: [String: Int] = [:]
        for (index, element) in try reader.array(value, at: list).enumerated() {
            let path = "\(list)[\(index)]"
            let object = try reader.object(element, at: path)
            try reader.checkKeys(object, known: known, at: path)
            let id = try reader.nonEmptyString(try reader.require(object, idKey, at: path), at: "\(path).\(idKey)")
            if let previous = seen[id] { throw reader.fail("\(path).\(idKey)", "\"\(id)\" is already used by \(list)[\(previous)]") }
            seen[id] = index
            result.append((path, object, id))
        }
        return result
    }

    /// An ISO 8601 date and time (`2026-01-01T09:00:00Z`), or nil when `value` is absent.
    static func time(_ value: JSONValue?, at path: String, _ reader: SeedReader) throws(SeedError) -> Double? {
        guard let value else { return nil }
        guard let text = value.stringValue, let parsed = ISO8601Time.parse(text), !parsed.dateOnly else {
            throw reader.fail(path, "expected an ISO 8601 date and time such as \"2026-01-01T09:00:00Z\", got \(SeedReader.describe(value))")
        }
        return parsed.seconds
    }

    /// base64url without padding of 32 bytes: 43 characters of [A-Za-z0-9_-].
    static func isTokenHash(_ text: String) -> Bool {
        text.utf8.count == 43 && text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D || byte == 0x5F
        }
    }
}
