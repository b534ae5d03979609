import Essentials

/// The parts of a compact JWS (RFC 7515 §7.1) before its signature is checked.
struct JWSCompact {
    let header: JSONObject
    let algorithm: SigningKey.Algorithm
    let keyID: String?
    /// ASCII(BASE64URL(header) || '.' || BASE64URL(payload)), RFC 7515 §5.2 step 8.
    let signingInput: [UInt8]
    let payload: [UInt8]
    let signature: [UInt8]

    static func parse(_ compact: String) -> Result<JWSCompact, JWSError> {
        let bytes = Array(compact.utf8)
        guard bytes.count <= JWS.maximumCompactLength else {
            return .failure(.malformed("token is \(bytes.count) bytes, more than the \(JWS.maximumCompactLength) accepted"))
        }
        let dots = bytes.indices.filter { bytes[$0] == UInt8(ascii: ".") }
        guard dots.count == 2 else {
            return .failure(.malformed("expected three base64url parts separated by '.', found \(dots.count + 1)"))
        }
        let headerBytes = Array(bytes[..<dots[0]])
        let payloadBytes = Array(bytes[(dots[0] + 1)..<dots[1]])
        let signatureBytes = Array(bytes[(dots[1] + 1)...])

        guard let headerJSON = decode(headerBytes) else { return .failure(.malformed("header is not base64url")) }
        let headerValue: JSONValue
        do {
            headerValue = try JSONParser.parse(headerJSON)
        } catch {
            return .failure(.malformed("header is not JSON: \(error)"))
        }
        guard let header = headerValue.objectValue else {
            return .failure(.malformed("header is a JSON \(headerValue.kindName), not an object"))
        }
        guard let alg = header["alg"]?.stringValue else { return .failure(.malformed("header has no string \"alg\"")) }
        guard let algorithm = SigningKey.Algorithm(rawValue: alg) else { return .failure(.unsupportedAlgorithm(alg)) }
        if header["crit"] != nil {
            // RFC 7515 §4.1.11: extensions listed in "crit" must be understood; we support none.
            return .failure(.malformed("header lists \"crit\" extensions, none of which are supported"))
        }
        var keyID: String?
        if let kid = header["kid"] {
            guard let text = kid.stringValue else { return .failure(.malformed("header \"kid\" is a \(kid.kindName), not a string")) }
            keyID = text
        }
        guard let payload = decode(payloadBytes) else { return .failure(.malformed("payload is not base64url")) }
        guard let signature = decode(signatureBytes), !signature.isEmpty else {
            return .failure(.malformed("signature is not base64url"))
        }
        return .success(JWSCompact(header: header, algorithm: algorithm, keyID: keyID,
                                   signingInput: Array(bytes[..<dots[1]]), payload: payload, signature: signature))
    }

    /// JWS segments are unpadded base64url (RFC 7515 §2); padding is refused here.
    private static func decode(_ segment: [UInt8]) -> [UInt8]? {
        if segment.contains(UInt8(ascii: "=")) { return nil }
        return segment.withUnsafeBufferPointer { Base64URL.codec.decode(utf8: $0) }
    }
}
