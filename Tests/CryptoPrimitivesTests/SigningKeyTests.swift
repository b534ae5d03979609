import Essentials
import Testing
@testable import CryptoPrimitives

@Suite struct SigningKeyTests {
    @Test func generatedECKeyRoundTripsThroughPEM() throws {
        let key = try SigningKey.generate(.es256)
        #expect(key.algorithm == .es256)
        let pem = try key.privateKeyPEM()
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(pem.hasSuffix("-----END PRIVATE KEY-----\n"))
        let reloaded = try SigningKey(pem: pem)
        #expect(reloaded.algorithm == .es256)
        #expect(reloaded.keyID == key.keyID)
        #expect(reloaded.publicJWK() == key.publicJWK())
        let message = Array("cross-check".utf8)
        #expect(key.verify(signature: try reloaded.sign(message), message: message))
    }

    @Test func rsaFixtureRoundTripsThroughPKCS8() throws {
        let key = try SigningKey(pem: RFCVectors.rsaPrivateKeyPEM)
        let pem = try key.privateKeyPEM()
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let reloaded = try SigningKey(pem: pem)
        #expect(reloaded.algorithm == .rs256)
        #expect(reloaded.keyID == key.keyID)
    }

    @Test func generatedKeysAreDistinct() throws {
        let first = try SigningKey.generate(.es256)
        let second = try SigningKey.generate(.es256)
        #expect(first.keyID != second.keyID)
    }

    @Test func generatedRSAKeySignsAndVerifies() throws {
        let key = try SigningKey.generate(.rs256)
        #expect(key.algorithm == .rs256)
        let jwk = key.publicJWK()
        #expect(jwk["kty"] == "RSA")
        #expect(jwk["e"] == "AQAB")
        #expect(Base64URL.decode(try #require(jwk["n"]?.stringValue))?.count == 256)
        let message = Array("hello".utf8)
        let signature = try key.sign(message)
        #expect(signature.count == 256)
        #expect(key.verify(signature: signature, message: message))
        #expect(!key.verify(signature: signature, message: Array("hellp".utf8)))
    }

    @Test func publicJWKShapeForEC() throws {
        let key = try SigningKey(pem: RFCVectors.ecPrivateKeyPEM)
        let jwk = try #require(key.publicJWK().objectValue)
        #expect(jwk.keys == ["kty", "crv", "x", "y", "kid", "alg", "use"])
        #expect(jwk["x"] == RFCVectors.ecJWK["x"])
        #expect(jwk["y"] == RFCVectors.ecJWK["y"])
        #expect(jwk["kid"] == .string(key.keyID))
        #expect(jwk["alg"] == "ES256")
        #expect(jwk["use"] == "sig")
        #expect(jwk["d"] == nil)
        // The kid is the RFC 7638 thumbprint of the public key.
        #expect(key.keyID == (try JWKThumbprint.sha256(jwk: .object(jwk))))
    }

    @Test func publicJWKShapeForRSA() throws {
        let key = try SigningKey(pem: RFCVectors.rsaPrivateKeyPEM)
        let jwk = try #require(key.publicJWK().objectValue)
        #expect(jwk.keys == ["kty", "n", "e", "kid", "alg", "use"])
        #expect(jwk["n"] == RFCVectors.rsaJWK["n"])
        #expect(jwk["e"] == "AQAB")
        #expect(jwk["alg"] == "RS256")
    }

    @Test(arguments: [
        "",
        "not a pem",
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n",
    ])
    func badPEMIsRefusedWithAReason(_ pem: String) {
        do {
            _ = try SigningKey(pem: pem)
            Issue.record("expected an error")
        } catch {
            #expect(!error.detail.isEmpty)
            #expect(error.description.contains("failed"))
        }
    }

    @Test func unsupportedCurveIsRefused() {
        // A P-384 key (RFC 5915 form), which ES256 cannot use.
        let p384 = """
        -----BEGIN EC PRIVATE KEY-----
        MIGkAgEBBDD7/5gfZNVu8HxoeSXZgdX1vg1Ug9qpJDS3sAXLH6y6XMhGMt275l25
        8SHuXCZPUDWgBwYFK4EEACKhZANiAASY3aMUKLXj4jsX+wACLaSOVKNZjl4n2luM
        jYLjT201K3mbH/3ViG0kZjtzRn3TvVk82WlEUd4gkrHUp0ykbIxk0Y2b2mL4XkMi
        jRH6XpCnaylz6m6jDkUTSoFfzmnDnas=
        -----END EC PRIVATE KEY-----
        """
        do {
            _ = try SigningKey(pem: p384)
            Issue.record("expected an error")
        } catch {
            #expect(error.detail.contains("P-256") || error.detail.contains("prime256v1"))
        }
    }
}

@Suite struct VerifyingKeyTests {
    @Test(arguments: [
        JSONValue.string("not an object"),
        ["crv": "P-256"],
        ["kty": "oct", "k": "AAAA"],
        ["kty": "EC", "crv": "P-384", "x": "AAAA", "y": "AAAA"],
        ["kty": "EC", "crv": "P-256", "x": "AAAA", "y": "AAAA"],
        ["kty": "EC", "crv": "P-256", "x": RFCVectors.ecJWK["x"]!, "y": RFCVectors.ecJWK["x"]!],   // not on the curve
        ["kty": "EC", "crv": "P-256", "x": RFCVectors.ecJWK["x"]!, "y": RFCVectors.ecJWK["y"]!, "alg": "RS256"],
        ["kty": "EC", "crv": "P-256", "x": RFCVectors.ecJWK["x"]!, "y": RFCVectors.ecJWK["y"]!, "use": "enc"],
        ["kty": "RSA", "n": "AQAB", "e": "AQAB"],   // far below 2048 bits
        ["kty": "RSA", "n": .string(RFCVectors.rsaModulus)],
    ])
    func invalidJWKIsRefused(_ jwk: JSONValue) {
        #expect(throws: CryptoError.self) { _ = try VerifyingKey(jwk: jwk) }
    }

    @Test func verifiesRawSignatures() throws {
        let key = try SigningKey.generate(.es256)
        let verifier = try VerifyingKey(jwk: key.publicJWK())
        #expect(verifier.keyID == key.keyID)
        #expect(verifier.thumbprint == key.keyID)
        let message = Array("payload".utf8)
        let signature = try key.sign(message)
        #expect(verifier.verify(signature: signature, message: message))
        #expect(!verifier.verify(signature: signature + [0], message: message))
        #expect(!verifier.verify(signature: [], message: message))
        #expect(!verifier.verify(signature: [UInt8](repeating: 0, count: 64), message: message))
    }
}
