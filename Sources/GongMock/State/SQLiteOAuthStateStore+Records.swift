import Essentials
import OAuth

/// The JSON form of each record kind (format 1). Field names follow the Swift properties;
/// optional fields are written as explicit nulls so a stored row reads unambiguously.
extension SQLiteOAuthStateStore {
    // MARK: Encoding

    static func encodeSigningKey(pem: String) -> JSONValue {
        .object(JSONObject([("format", .number(Double(recordFormat))), ("pem", .string(pem))]))
    }

    static func encode(_ record: AuthorizationCodeRecord) throws(OAuthStoreError) -> JSONObject {
        try checked(JSONObject([
            ("format", .number(Double(recordFormat))),
            ("codeHash", .string(record.codeHash)),
            ("clientID", .string(record.clientID)),
            ("redirectURI", .string(record.redirectURI)),
            ("codeChallenge", .string(record.codeChallenge)),
            ("scopes", .array(record.scopes.map(JSONValue.string))),
            ("resource", optional(record.resource)),
            ("subjectID", .string(record.subjectID)),
            ("claims", .object(record.claims)),
            ("issuedAt", .number(record.issuedAt)),
            ("expiresAt", .number(record.expiresAt)),
            ("consumedAt", optional(record.consumedAt)),
            ("grantID", optional(record.grantID)),
        ]), what: "authorization code")
    }

    static func encode(_ record: GrantRecord) throws(OAuthStoreError) -> JSONObject {
        try checked(JSONObject([
            ("format", .number(Double(recordFormat))),
            ("id", .string(record.id)),
            ("clientID", .string(record.clientID)),
            ("subjectID", .string(record.subjectID)),
            ("scopes", .array(record.scopes.map(JSONValue.string))),
            ("resource", optional(record.resource)),
            ("claims", .object(record.claims)),
            ("createdAt", .number(record.createdAt)),
            ("revokedAt", optional(record.revokedAt)),
            ("revocationReason", optional(record.revocationReason)),
        ]), what: "grant \(record.id)")
    }

    static func encode(_ record: RefreshTokenRecord) throws(OAuthStoreError) -> JSONObject {
        try checked(JSONObject([
            ("format", .number(Double(recordFormat))),
            ("tokenHash", .string(record.tokenHash)),
            ("grantID", .string(record.grantID)),
            ("clientID", .string(record.clientID)),
            ("issuedAt", .number(record.issuedAt)),
            ("expiresAt", optional(record.expiresAt)),
            ("rotatedAt", optional(record.rotatedAt)),
            ("replacedByHash", optional(record.replacedByHash)),
        ]), what: "refresh token of grant \(record.grantID)")
    }

    static func encode(_ record: RevokedAccessTokenRecord) throws(OAuthStoreError) -> JSONObject {
        try checked(JSONObject([
            ("format", .number(Double(recordFormat))),
            ("jti", .string(record.jti)),
            ("expiresAt", .number(record.expiresAt)),
            ("reason", .string(record.reason)),
        ]), what: "revocation of access token \(record.jti)")
    }

    private static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    private static func optional(_ number: Double?) -> JSONValue { number.map(JSONValue.number) ?? .null }

    /// JSON has no NaN or infinity (the serializer would write null), so such a value would come
    /// back as something else or not at all; refuse it at write time instead.
    private static func checked(_ record: JSONObject, what: String) throws(OAuthStoreError) -> JSONObject {
        if let path = nonFinitePath(.object(record), at: "") {
            throw OAuthStoreError("cannot store the \(what): \(path) is not a finite number, which JSON cannot represent")
        }
        return record
    }

    private static func nonFinitePath(_ value: JSONValue, at path: String) -> String? {
        switch value {
        case .number(let number): return number.isFinite ? nil : (path.isEmpty ? "the value" : path)
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                if let found = nonFinitePath(element, at: "\(path)[\(index)]") { return found }
            }
            return nil
        case .object(let object):
            for (key, member) in object {
                if let found = nonFinitePath(member, at: path.isEmpty ? key : "\(path).\(key)") { return found }
            }
            return nil
        case .null, .bool, .string: return nil
        }
    }

    // MARK: Decoding

    static func decodeSigningKey(_ fields: RecordFields) throws(OAuthStoreError) -> String {
        try fields.string("pem")
    }

    static func decodeAuthorizationCode(_ fields: RecordFields) throws(OAuthStoreError) -> AuthorizationCodeRecord {
        AuthorizationCodeRecord(
            codeHash: try fields.requireIdentity("codeHash"), clientID: try fields.string("clientID"),
            redirectURI: try fields.string("redirectURI"), codeChallenge: try fields.string("codeChallenge"),
            scopes: try fields.strings("scopes"), resource: try fields.optionalString("resource"),
            subjectID: try fields.string("subjectID"), claims: try fields.object("claims"),
            issuedAt: try fields.number("issuedAt"), expiresAt: try fields.number("expiresAt"),
            consumedAt: try fields.optionalNumber("consumedAt"), grantID: try fields.optionalString("grantID"))
    }

    static func decodeGrant(_ fields: RecordFields) throws(OAuthStoreError) -> GrantRecord {
        GrantRecord(
            id: try fields.requireIdentity("id"), clientID: try fields.string("clientID"), subjectID: try fields.string("subjectID"),
            scopes: try fields.strings("scopes"), resource: try fields.optionalString("resource"), claims: try fields.object("claims"),
            createdAt: try fields.number("createdAt"), revokedAt: try fields.optionalNumber("revokedAt"),
            revocationReason: try fields.optionalString("revocationReason"))
    }

    static func decodeRefreshToken(_ fields: RecordFields) throws(OAuthStoreError) -> RefreshTokenRecord {
        RefreshTokenRecord(
            tokenHash: try fields.requireIdentity("tokenHash"), grantID: try fields.string("grantID"), clientID: try fields.string("clientID"),
            issuedAt: try fields.number("issuedAt"), expiresAt: try fields.optionalNumber("expiresAt"),
            rotatedAt: try fields.optionalNumber("rotatedAt"), replacedByHash: try fields.optionalString("replacedByHash"))
    }

    static func decodeRevokedAccessToken(_ fields: RecordFields) throws(OAuthStoreError) -> RevokedAccessTokenRecord {
        RevokedAccessTokenRecord(jti: try fields.requireIdentity("jti"), expiresAt: try fields.number("expiresAt"), reason: try fields.string("reason"))
    }
}
