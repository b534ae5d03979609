import Essentials
import Dispatch
import Synchronization
import Testing
@testable import CryptoPrimitives

/// The token endpoint's signing and randomness fast paths give what the slow paths gave.
@Suite struct SigningFastPathTests {
    @Test func handReadDERMatchesOpenSSLOnRealSignatures() throws {
        let key = try EVPKey.privateKey(pem: try SigningKey.generate(.es256).privateKeyPEM())
        for index in 0..<200 {
            let der = try key.signSHA256(Array("message \(index)".utf8))
            let fast = try #require(ECDSASignature.rawFromMinimalDER(der))
            #expect(fast == (try ECDSASignature.raw(fromDER: der)))
            #expect(fast.count == 64)
            // And back: the raw form verifies through the ordinary path.
            #expect(ECDSASignature.der(fromRaw: fast) == der)
        }
    }

    /// ES256 signs below the EVP layer (ecdsa_shims.c): the R || S it writes must be a valid
    /// signature by OpenSSL's own DER verification, for that message only.
    @Test func rawECDSASignaturesVerifyThroughTheDERPath() throws {
        let key = try EVPKey.privateKey(pem: try SigningKey.generate(.es256).privateKeyPEM())
        for index in 0..<200 {
            let message = Array("message \(index)".utf8)
            let raw = try key.signSHA256Raw(message, half: 32)
            #expect(raw.count == 64)
            let der = try #require(ECDSASignature.der(fromRaw: raw))
            #expect(key.verifySHA256(signature: der, message: message))
            #expect(!key.verifySHA256(signature: der, message: message + [0]))
            #expect(try ECDSASignature.raw(fromDER: der) == raw)
        }
        let rsa = try EVPKey.privateKey(pem: RFCVectors.rsaPrivateKeyPEM)
        #expect(throws: CryptoError.self) { try rsa.signSHA256Raw([1], half: 32) }
    }

    @Test func handReadDERRefusesWhatIsNotMinimalP256() {
        let r = [UInt8](repeating: 0x11, count: 32), s = [UInt8](repeating: 0x22, count: 32)
        let good: [UInt8] = [0x30, 68, 0x02, 32] + r + [0x02, 32] + s
        #expect(ECDSASignature.rawFromMinimalDER(good) == r + s)
        // A leading zero before a high bit is the sign octet: stripped.
        let high = [UInt8](repeating: 0x91, count: 32)
        #expect(ECDSASignature.rawFromMinimalDER([0x30, 69, 0x02, 33, 0x00] + high + [0x02, 32] + s) == high + s)
        // Short integers are left-padded.
        #expect(ECDSASignature.rawFromMinimalDER([0x30, 8, 0x02, 1, 0x05, 0x02, 3, 0x01, 0x02, 0x03])
                == [UInt8](repeating: 0, count: 31) + [0x05] + [UInt8](repeating: 0, count: 29) + [0x01, 0x02, 0x03])
        #expect(ECDSASignature.rawFromMinimalDER(Array(good.dropLast())) == nil)           // truncated
        #expect(ECDSASignature.rawFromMinimalDER(good + [0]) == nil)                         // trailing byte
        #expect(ECDSASignature.rawFromMinimalDER([0x31] + good.dropFirst()) == nil)         // not a SEQUENCE
        #expect(ECDSASignature.rawFromMinimalDER([0x30, 68, 0x02, 32, 0x80] + r.dropFirst() + [0x02, 32] + s) == nil) // negative
        #expect(ECDSASignature.rawFromMinimalDER([0x30, 70, 0x02, 34, 0, 0] + r + [0x02, 32] + s) == nil)          // 34-byte integer
    }

    @Test(arguments: [SigningKey.Algorithm.es256, .rs256])
    func reusedContextsSignCorrectlyFromManyThreadsAtOnce(_ algorithm: SigningKey.Algorithm) throws {
        let key = algorithm == .es256 ? try SigningKey.generate(.es256) : try SigningKey(pem: RFCVectors.rsaPrivateKeyPEM)
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for index in 0..<25 {
                let message = Array("thread \(thread) message \(index)".utf8)
                let ok = (try? key.sign(message)).map { key.verify(signature: $0, message: message) } ?? false
                // A signature must not verify for another message (the context kept no state).
                let other = (try? key.sign(message)).map { key.verify(signature: $0, message: message + [1]) } ?? true
                if !ok || other { failures.withLock { $0 += 1 } }
            }
        }
        #expect(failures.withLock { $0 } == 0)
    }

    @Test func ecdsaSignaturesOfOneMessageDiffer() throws {
        let key = try SigningKey.generate(.es256)
        let message = Array("same".utf8)
        #expect(try key.sign(message) != (try key.sign(message)))
    }

    @Test func preEncodedHeaderSignsWhatTheOneShotSigns() throws {
        let key = try SigningKey.generate(.es256)
        let header = JWSProtectedHeader(key: key, header: JSONObject([("typ", .string("at+jwt")), ("alg", .string("none"))]))
        let token = try JWS.sign(payload: .object(JSONObject([("sub", .string("u1"))])), header: header)
        let verified = try JWS.verify(token, keys: [key]).get()
        #expect(verified.header["alg"]?.stringValue == "ES256")
        #expect(verified.header["kid"]?.stringValue == key.keyID)
        #expect(verified.header["typ"]?.stringValue == "at+jwt")
        #expect(verified.payload.objectValue?["sub"]?.stringValue == "u1")
        let oneShot = try JWS.sign(payload: .object(JSONObject([("sub", .string("u1"))])), key: key, header: JSONObject([("typ", .string("at+jwt"))]))
        #expect(token.split(separator: ".").first == oneShot.split(separator: ".").first)
    }

    @Test func appendingEncoderMatchesTheStringEncoder() {
        for count in 0..<40 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 250) }
            for codec in [Base64URL.codec, Base64.codec] {
                var appended: [UInt8] = [UInt8(ascii: "x")]
                codec.encode(bytes, appendingTo: &appended)
                #expect(String(decoding: appended, as: UTF8.self) == "x" + codec.encode(bytes))
                #expect(codec.decode(codec.encode(bytes)) == bytes)
            }
        }
        #expect(Base64.encode(Array("any carnal pleas".utf8)) == "YW55IGNhcm5hbCBwbGVhcw==")
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
    }

    @Test func pooledRandomBytesAreNeverHandedOutTwice() {
        var seen = Set<[UInt8]>()
        // More than one 4 KiB refill, at sizes on both sides of the pool limit.
        for index in 0..<600 {
            let count = [16, 32, 12, 64, 65][index % 5]
            let bytes = SecureRandom.bytes(count: count)
            #expect(bytes.count == count)
            #expect(seen.insert(bytes).inserted)
        }
    }
}
