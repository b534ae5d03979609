import Essentials
import Testing
@testable import CryptoPrimitives

/// RFC 7515 Appendix A verification with keys built from the RFC's own JWKs.
@Suite struct JWSVectorTests {
    static let expectedPayload: JSONValue = ["iss": "joe", "exp": 1_300_819_380, "http://example.com/is_root": true]

    @Test func rfc7515AppendixA2RS256() throws {
        let key = try VerifyingKey(jwk: RFCVectors.rsaJWK)
        #expect(key.algorithm == .rs256)
        let verified = try JWS.verify(RFCVectors.rs256Compact, key: key).get()
        #expect(verified.header["alg"] == "RS256")
        #expect(verified.payload == Self.expectedPayload)
    }

    @Test func rfc7515AppendixA3ES256() throws {
        let key = try VerifyingKey(jwk: RFCVectors.ecJWK)
        #expect(key.algorithm == .es256)
        let verified = try JWS.verify(RFCVectors.es256Compact, key: key).get()
        #expect(verified.header["alg"] == "ES256")
        #expect(verified.payload == Self.expectedPayload)
    }

    /// RS256 is deterministic, so signing the A.2 input with the A.2 private key (as a PEM
    /// fixture) must reproduce the RFC's signature byte for byte.
    @Test func rfc7515AppendixA2SignatureIsReproduced() throws {
        let key = try SigningKey(pem: RFCVectors.rsaPrivateKeyPEM)
        #expect(key.algorithm == .rs256)
        let parts = RFCVectors.rs256Compact.split(separator: ".")
        let signature = try key.sign(Array("\(parts[0]).\(parts[1])".utf8))
        #expect(Base64URL.encode(signature) == String(parts[2]))
    }

    @Test func rfc7515KeysLoadFromTraditionalPEM() throws {
        let ecKey = try SigningKey(pem: RFCVectors.ecPrivateKeyPEM)
        #expect(ecKey.algorithm == .es256)
        #expect(try ecKey.keyID == VerifyingKey(jwk: RFCVectors.ecJWK).thumbprint)
        // The A.3 signature verifies against the key loaded from PEM too.
        let parts = RFCVectors.es256Compact.split(separator: ".")
        let signature = try #require(Base64URL.decode(String(parts[2])))
        #expect(ecKey.verify(signature: signature, message: Array("\(parts[0]).\(parts[1])".utf8)))
        // And ES256 tokens it signs verify with the RFC's public JWK.
        let token = try JWS.sign(payload: ["sub": "alice"], key: ecKey)
        #expect(try JWS.verify(token, key: VerifyingKey(jwk: RFCVectors.ecJWK)).get().payload == ["sub": "alice"])
    }

    @Test func rfc7638Thumbprint() throws {
        #expect(try JWKThumbprint.sha256(jwk: RFCVectors.thumbprintJWK) == RFCVectors.thumbprint)
        let key = try VerifyingKey(jwk: RFCVectors.thumbprintJWK)
        #expect(key.thumbprint == RFCVectors.thumbprint)
        #expect(key.keyID == "2011-04-29")
    }

    @Test func tamperedVectorFails() throws {
        let key = try VerifyingKey(jwk: RFCVectors.ecJWK)
        // Same header and signature, payload {"iss":"joe"} instead.
        let parts = RFCVectors.es256Compact.split(separator: ".")
        let forged = "\(parts[0]).\(Base64URL.encode(Array("{\"iss\":\"joe\"}".utf8))).\(parts[2])"
        #expect(JWS.verify(forged, key: key) == .failure(.badSignature))
    }
}

extension Result where Success == JWSVerified, Failure == JWSError {
    static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.failure(let left), .failure(let right)): return left == right
        case (.success(let left), .success(let right)): return left.header == right.header && left.payload == right.payload
        default: return false
        }
    }
}
