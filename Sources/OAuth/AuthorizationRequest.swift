import Essentials

/// An authorization request (RFC 6749 §4.1.1 + RFC 7636 §4.3 + RFC 8707 §2) after every check
/// passed. Carried through the consent page inside a signed transaction so that the POST cannot
/// change what was validated.
struct AuthorizationRequest: Sendable, Equatable {
    var clientID: String
    var redirectURI: String
    var state: String?
    var codeChallenge: String
    var scopes: [String]
    var resource: String?

    /// The transaction payload: the request plus a single-use nonce and an expiry.
    func transactionPayload(nonce: String, expiresAt: Int64) -> JSONValue {
        var object = JSONObject()
        object["txn"] = .string(nonce)
        object["client_id"] = .string(clientID)
        object["redirect_uri"] = .string(redirectURI)
        if let state { object["state"] = .string(state) }
        object["code_challenge"] = .string(codeChallenge)
        object["scope"] = .string(scopes.joined(separator: " "))
        if let resource { object["resource"] = .string(resource) }
        object["exp"] = .number(Double(expiresAt))
        return .object(object)
    }

    /// Reads a verified transaction payload back; nil when a member is missing.
    static func fromTransaction(_ payload: JSONValue) -> (request: AuthorizationRequest, nonce: String, expiresAt: Double)? {
        guard let nonce = payload["txn"]?.stringValue,
              let clientID = payload["client_id"]?.stringValue,
              let redirectURI = payload["redirect_uri"]?.stringValue,
              let challenge = payload["code_challenge"]?.stringValue,
              let scope = payload["scope"]?.stringValue,
              let expiresAt = payload["exp"]?.doubleValue else { return nil }
        let request = AuthorizationRequest(
            clientID: clientID, redirectURI: redirectURI, state: payload["state"]?.stringValue, codeChallenge: challenge,
            scopes: scope.split(separator: " ").map(String.init), resource: payload["resource"]?.stringValue)
        return (request, nonce, expiresAt)
    }
}
