import Essentials

/// A JWS whose signature verified: its JOSE header (RFC 7515 §4) and JSON payload.
public struct JWSVerified: Sendable {
    public let header: JSONObject
    public let payload: JSONValue

    public init(header: JSONObject, payload: JSONValue) {
        self.header = header
        self.payload = payload
    }
}
