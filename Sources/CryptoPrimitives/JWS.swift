import Essentials

/// JSON Web Signature compact serialization (RFC 7515 §3.1, §7.1) with ES256 and RS256
/// (RFC 7518 §3.3-3.4), as used for JWT access tokens (RFC 9068).
public enum JWS {
    /// Longer inputs are refused before any decoding, so hostile tokens cost nothing.
    public static let maximumCompactLength = 64 * 1024

    /// Signs `payload` (serialised with `JSONSerializer`). The protected header is
    /// `{"alg": key.algorithm, "kid": key.keyID}` followed by the members of `header` (e.g.
    /// `"typ": "at+jwt"`); "alg" and "kid" in `header` are ignored, as they must describe
    /// the key actually used.
    public static func sign(payload: JSONValue, key: SigningKey,
                            header: JSONObject = JSONObject()) throws(CryptoError) -> String {
        try sign(payload: payload, header: JWSProtectedHeader(key: key, header: header))
    }

    /// Signs `payload` under a header encoded ahead of time, with the header's key. The JWS
    /// Signing Input (RFC 7515 §5.1 step 5) is built in one byte buffer that then receives the
    /// signature, so the token is copied into a string once.
    public static func sign(payload: JSONValue, header: JWSProtectedHeader) throws(CryptoError) -> String {
        try sign(payloadBytes: JSONSerializer.bytes(payload), header: header)
    }

    /// Signs a payload the caller serialised itself (a token issuer writing its claims straight
    /// to bytes rather than building a `JSONValue` per token); `payloadBytes` must be JSON.
    public static func sign(payloadBytes: [UInt8], header: JWSProtectedHeader) throws(CryptoError) -> String {
        var compact = header.segment
        compact.reserveCapacity(compact.count + 2 + (payloadBytes.count + 2) / 3 * 4 + 90)
        compact.append(UInt8(ascii: "."))
        Base64URL.codec.encode(payloadBytes, appendingTo: &compact)
        let signature = try header.key.sign(compact)
        compact.append(UInt8(ascii: "."))
        Base64URL.codec.encode(signature, appendingTo: &compact)
        return String(decoding: compact, as: UTF8.self)
    }

    /// Verifies against our own keys: the key whose `keyID` equals the header's "kid", or the
    /// only key when the header has no "kid". Refuses "alg": "none" and any "alg" other than the
    /// key's (RFC 8725 §3.1: the key, not the token, decides the algorithm).
    public static func verify(_ compact: String, keys: [SigningKey]) -> Result<JWSVerified, JWSError> {
        verify(compact) { kid in
            if let kid {
                guard let key = keys.first(where: { $0.keyID == kid }) else { return .failure(.unknownKey(kid)) }
                return .success(key.joseKey)
            }
            guard keys.count == 1 else { return .failure(.unknownKey("")) }
            return .success(keys[0].joseKey)
        }
    }

    /// Verifies against one foreign key. A header "kid" must equal the key's "kid" when both
    /// are present.
    public static func verify(_ compact: String, key: VerifyingKey) -> Result<JWSVerified, JWSError> {
        verify(compact) { kid in
            if let kid, let keyID = key.keyID, kid != keyID { return .failure(.unknownKey(kid)) }
            return .success(key.joseKey)
        }
    }

    static func verify(_ compact: String,
                       resolve: (_ kid: String?) -> Result<JOSEKey, JWSError>) -> Result<JWSVerified, JWSError> {
        let parsed: JWSCompact
        switch JWSCompact.parse(compact) {
        case .success(let value): parsed = value
        case .failure(let error): return .failure(error)
        }
        let key: JOSEKey
        switch resolve(parsed.keyID) {
        case .success(let value): key = value
        case .failure(let error): return .failure(error)
        }
        guard key.algorithm == parsed.algorithm else { return .failure(.unsupportedAlgorithm(parsed.algorithm.rawValue)) }
        guard key.verify(signature: parsed.signature, message: parsed.signingInput) else { return .failure(.badSignature) }
        // The payload is only parsed once it is known to come from the key holder.
        let payload: JSONValue
        do {
            payload = try JSONParser.parse(parsed.payload)
        } catch {
            return .failure(.malformed("payload is not JSON: \(error)"))
        }
        return .success(JWSVerified(header: parsed.header, payload: payload))
    }
}
