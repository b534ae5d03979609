/// An OpenSSL key bound to its JWS algorithm, producing and checking signatures in the JWS
/// encodings of RFC 7518: ES256 as raw `R || S` (§3.4), RS256 as RSASSA-PKCS1-v1_5 (§3.3).
struct JOSEKey: Sendable {
    let key: EVPKey
    let algorithm: SigningKey.Algorithm

    func sign(_ message: [UInt8]) throws(CryptoError) -> [UInt8] {
        switch algorithm {
        case .es256: return try key.signSHA256Raw(message, half: 32)
        case .rs256: return try key.signSHA256(message)
        }
    }

    func verify(signature: [UInt8], message: [UInt8]) -> Bool {
        switch algorithm {
        case .es256:
            // RFC 7518 §3.4: exactly 64 octets; anything else is refused before OpenSSL sees it.
            guard let der = ECDSASignature.der(fromRaw: signature) else { return false }
            return key.verifySHA256(signature: der, message: message)
        case .rs256:
            guard signature.count == key.maximumSignatureSize else { return false }
            return key.verifySHA256(signature: signature, message: message)
        }
    }
}
