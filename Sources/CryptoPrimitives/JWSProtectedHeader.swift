import Essentials

/// A JWS Protected Header (RFC 7515 §4) serialised and base64url-encoded once, with the key it
/// names: a server signing every access token with the same key and `typ` pays for the header's
/// JSON and encoding at start-up rather than on each token (RFC 7515 §5.1 steps 2-3).
public struct JWSProtectedHeader: Sendable {
    public let key: SigningKey
    /// BASE64URL(UTF8(JWS Protected Header)).
    let segment: [UInt8]

    /// `{"alg": key.algorithm, "kid": key.keyID}` followed by the members of `header` (e.g.
    /// `"typ": "at+jwt"`); "alg" and "kid" in `header` are ignored, as they must describe the key
    /// actually used.
    public init(key: SigningKey, header: JSONObject = JSONObject()) {
        var protected = JSONObject([("alg", .string(key.algorithm.rawValue)), ("kid", .string(key.keyID))])
        for member in header where member.key != "alg" && member.key != "kid" {
            protected[member.key] = member.value
        }
        self.key = key
        var segment: [UInt8] = []
        Base64URL.codec.encode(JSONSerializer.bytes(.object(protected)), appendingTo: &segment)
        self.segment = segment
    }
}
