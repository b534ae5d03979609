import Essentials
import Testing
@testable import CryptoPrimitives

@Suite struct JWSTests {
    static let ecKey: SigningKey = {
        do { return try SigningKey(pem: RFCVectors.ecPrivateKeyPEM) } catch { fatalError("fixture: \(error)") }
    }()
    static let rsaKey: SigningKey = {
        do { return try SigningKey(pem: RFCVectors.rsaPrivateKeyPEM) } catch { fatalError("fixture: \(error)") }
    }()

    static let payload: JSONValue = ["iss": "https://mcp.example", "sub": "user-1", "exp": 1_900_000_000, "scope": "read"]

    @Test(arguments: [SigningKey.Algorithm.es256, .rs256])
    func signThenVerify(_ algorithm: SigningKey.Algorithm) throws {
        let key = algorithm == .es256 ? Self.ecKey : Self.rsaKey
        let token = try JWS.sign(payload: Self.payload, key: key, header: JSONObject([("typ", "at+jwt")]))
        let verified = try JWS.verify(token, keys: [key]).get()
        #expect(verified.payload == Self.payload)
        #expect(verified.header.keys == ["alg", "kid", "typ"])
        #expect(verified.header["alg"] == .string(algorithm.rawValue))
        #expect(verified.header["kid"] == .string(key.keyID))
        #expect(verified.header["typ"] == "at+jwt")
        // The same token through the public-key path.
        #expect(try JWS.verify(token, key: key.verifyingKey).get().payload == Self.payload)
        #expect(try JWS.verify(token, key: VerifyingKey(jwk: key.publicJWK())).get().payload == Self.payload)
    }

    @Test func es256SignatureIsRaw64Bytes() throws {
        let token = try JWS.sign(payload: Self.payload, key: Self.ecKey)
        let signature = try #require(Base64URL.decode(String(token.split(separator: ".")[2])))
        #expect(signature.count == 64)
    }

    @Test func headerCannotOverrideAlgOrKid() throws {
        let token = try JWS.sign(payload: Self.payload, key: Self.ecKey,
                                 header: JSONObject([("alg", "none"), ("kid", "other"), ("typ", "JWT")]))
        let verified = try JWS.verify(token, keys: [Self.ecKey]).get()
        #expect(verified.header["alg"] == "ES256")
        #expect(verified.header["kid"] == .string(Self.ecKey.keyID))
    }

    @Test(arguments: [SigningKey.Algorithm.es256, .rs256])
    func tamperedPayloadIsBadSignature(_ algorithm: SigningKey.Algorithm) throws {
        let key = algorithm == .es256 ? Self.ecKey : Self.rsaKey
        let parts = try JWS.sign(payload: Self.payload, key: key).split(separator: ".").map(String.init)
        let forgedPayload = Base64URL.encode(JSONSerializer.bytes(["iss": "https://mcp.example", "sub": "admin"]))
        let forged = [parts[0], forgedPayload, parts[2]].joined(separator: ".")
        #expect(JWS.verify(forged, keys: [key]) == .failure(.badSignature))
    }

    @Test(arguments: [SigningKey.Algorithm.es256, .rs256])
    func tamperedSignatureIsBadSignature(_ algorithm: SigningKey.Algorithm) throws {
        let key = algorithm == .es256 ? Self.ecKey : Self.rsaKey
        let parts = try JWS.sign(payload: Self.payload, key: key).split(separator: ".").map(String.init)
        var signature = try #require(Base64URL.decode(parts[2]))
        signature[signature.count / 2] ^= 0x01
        let forged = [parts[0], parts[1], Base64URL.encode(signature)].joined(separator: ".")
        #expect(JWS.verify(forged, keys: [key]) == .failure(.badSignature))
        // A truncated signature is refused too, not crashed on.
        let truncated = [parts[0], parts[1], Base64URL.encode(Array(signature.dropLast()))].joined(separator: ".")
        #expect(JWS.verify(truncated, keys: [key]) == .failure(.badSignature))
    }

    @Test func algNoneIsRefused() {
        let header = Base64URL.encode(Array("{\"alg\":\"none\"}".utf8))
        let body = Base64URL.encode(JSONSerializer.bytes(Self.payload))
        #expect(JWS.verify("\(header).\(body).", keys: [Self.ecKey]) == .failure(.unsupportedAlgorithm("none")))
        #expect(JWS.verify("\(header).\(body).", key: Self.ecKey.verifyingKey) == .failure(.unsupportedAlgorithm("none")))
    }

    @Test func unknownAlgorithmAndAlgorithmSwapAreRefused() throws {
        let body = Base64URL.encode(JSONSerializer.bytes(Self.payload))
        let hs256 = Base64URL.encode(Array("{\"alg\":\"HS256\"}".utf8))
        #expect(JWS.verify("\(hs256).\(body).AAAA", keys: [Self.ecKey]) == .failure(.unsupportedAlgorithm("HS256")))
        // An RS256 token presented to the EC key (same kid) must not be tried with it.
        let rsaToken = try JWS.sign(payload: Self.payload, key: Self.rsaKey)
        let parts = rsaToken.split(separator: ".").map(String.init)
        let swappedHeader = Base64URL.encode(JSONSerializer.bytes(["alg": "RS256", "kid": .string(Self.ecKey.keyID)]))
        let swapped = [swappedHeader, parts[1], parts[2]].joined(separator: ".")
        #expect(JWS.verify(swapped, keys: [Self.ecKey, Self.rsaKey]) == .failure(.unsupportedAlgorithm("RS256")))
    }

    @Test func kidSelectsKeyAndUnknownKidIsRefused() throws {
        let token = try JWS.sign(payload: Self.payload, key: Self.rsaKey)
        #expect(try JWS.verify(token, keys: [Self.ecKey, Self.rsaKey]).get().payload == Self.payload)
        #expect(JWS.verify(token, keys: [Self.ecKey]) == .failure(.unknownKey(Self.rsaKey.keyID)))
        #expect(JWS.verify(token, keys: []) == .failure(.unknownKey(Self.rsaKey.keyID)))
        // A foreign key whose JWK names a different kid.
        var jwk = try #require(Self.rsaKey.publicJWK().objectValue)
        jwk["kid"] = "someone-else"
        #expect(JWS.verify(token, key: try VerifyingKey(jwk: .object(jwk))) == .failure(.unknownKey(Self.rsaKey.keyID)))
    }

    @Test func missingKidNeedsExactlyOneKey() throws {
        let header = Base64URL.encode(Array("{\"alg\":\"ES256\"}".utf8))
        let body = Base64URL.encode(JSONSerializer.bytes(Self.payload))
        let signature = try Self.ecKey.sign(Array("\(header).\(body)".utf8))
        let token = "\(header).\(body).\(Base64URL.encode(signature))"
        #expect(try JWS.verify(token, keys: [Self.ecKey]).get().payload == Self.payload)
        #expect(JWS.verify(token, keys: [Self.ecKey, Self.rsaKey]) == .failure(.unknownKey("")))
    }

    @Test(arguments: [
        "", ".", "..", "a.b", "a.b.c.d", "!!!.e30.AAAA", "e30.e30.AAAA", "WzFd.e30.AAAA",
        "eyJhbGciOjF9.e30.AAAA", "eyJhbGciOiJFUzI1NiJ9.e30.", "eyJhbGciOiJFUzI1NiJ9.e30=.AAAA",
        "eyJhbGciOiJFUzI1NiJ9.e30.AA$A", "bm90IGpzb24.e30.AAAA",
    ])
    func malformedIsRefused(_ token: String) {
        let result = JWS.verify(token, keys: [Self.ecKey])
        guard case .failure(.malformed(let reason)) = result else {
            Issue.record("expected malformed for \(token.debugDescription), got \(result)")
            return
        }
        #expect(!reason.isEmpty)
    }

    @Test func critHeaderIsRefused() throws {
        let header = Base64URL.encode(JSONSerializer.bytes(["alg": "ES256", "crit": ["exp"], "exp": 1]))
        let body = Base64URL.encode(JSONSerializer.bytes(Self.payload))
        let signature = try Self.ecKey.sign(Array("\(header).\(body)".utf8))
        let result = JWS.verify("\(header).\(body).\(Base64URL.encode(signature))", keys: [Self.ecKey])
        guard case .failure(.malformed) = result else {
            Issue.record("expected malformed, got \(result)")
            return
        }
    }

    @Test func signedNonJSONPayloadIsMalformed() throws {
        let header = Base64URL.encode(Array("{\"alg\":\"ES256\"}".utf8))
        let body = Base64URL.encode(Array("not json".utf8))
        let signature = try Self.ecKey.sign(Array("\(header).\(body)".utf8))
        let result = JWS.verify("\(header).\(body).\(Base64URL.encode(signature))", keys: [Self.ecKey])
        guard case .failure(.malformed) = result else {
            Issue.record("expected malformed, got \(result)")
            return
        }
    }

    @Test func oversizedTokenIsRefusedUnparsed() {
        let huge = String(repeating: "A", count: JWS.maximumCompactLength + 1)
        guard case .failure(.malformed) = JWS.verify(huge, keys: [Self.ecKey]) else {
            Issue.record("expected malformed")
            return
        }
    }

    @Test func errorsDescribeThemselves() {
        #expect(JWSError.badSignature.description.contains("signature"))
        #expect(JWSError.unknownKey("k1").description.contains("k1"))
        #expect(JWSError.unsupportedAlgorithm("none").description.contains("none"))
        #expect(JWSError.malformed("oops").description.contains("oops"))
    }
}
