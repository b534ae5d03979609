import Testing
@testable import CryptoPrimitives

@Suite struct Base64URLTests {
    /// The encoder writes two characters per table lookup; a bit-by-bit reference must agree on
    /// every 12-bit value in every position and on all tail lengths, in both alphabets.
    @Test func encodingMatchesABitByBitReference() {
        func reference(_ bytes: [UInt8], url: Bool) -> String {
            let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" + (url ? "-_" : "+/"))
            var bits = "", output = ""
            for byte in bytes { bits += String(repeating: "0", count: 8 - String(byte, radix: 2).count) + String(byte, radix: 2) }
            while bits.count % 6 != 0 { bits += "0" }
            var index = bits.startIndex
            while index < bits.endIndex {
                let next = bits.index(index, offsetBy: 6)
                output.append(letters[Int(bits[index..<next], radix: 2) ?? 0])
                index = next
            }
            if !url { while output.count % 4 != 0 { output += "=" } }
            return output
        }
        var generator = SystemRandomNumberGenerator()
        var inputs: [[UInt8]] = []
        for value in 0..<4096 {
            // The same 12-bit value in both halves of a 3-byte group.
            let first = UInt8(value >> 4)
            let second = UInt8((value & 0xF) << 4 | value >> 8)
            let third = UInt8(value & 0xFF)
            inputs.append([first, second, third])
        }
        inputs += (0..<300).map { count in (0..<(count % 40)).map { _ in UInt8.random(in: 0...255, using: &generator) } }
        for input in inputs {
            #expect(Base64.encode(input) == reference(input, url: false))
            #expect(Base64URL.encode(input) == reference(input, url: true))
            #expect(Base64URL.decode(Base64URL.encode(input)) == input)
        }
    }

    @Test(arguments: 0...40) func roundTrip(length: Int) {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let text = Base64URL.encode(bytes)
        #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
        #expect(Base64URL.decode(text) == bytes)
    }

    @Test func rfc4648Vectors() {
        // RFC 4648 §10 vectors, with §5 alphabet and padding dropped.
        let vectors = ["": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg", "fooba": "Zm9vYmE", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
            #expect(Base64URL.decode(encoded) == Array(plain.utf8))
        }
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
        #expect(Base64URL.decode("-_8") == [0xFB, 0xFF])
    }

    @Test func acceptsCorrectPadding() {
        #expect(Base64URL.decode("Zg==") == Array("f".utf8))
        #expect(Base64URL.decode("Zm8=") == Array("fo".utf8))
    }

    @Test(arguments: ["Zg=", "Zg===", "Z===", "Zm9v=", "=Zm9v", "Zm=9v", "Z", "Zm9vY", "Zm9v Yg", "Zm9v\nYg",
                      "+/8", "Zh", "Zm9", "é", "Zm9v!"])
    func refusesInvalid(_ text: String) {
        #expect(Base64URL.decode(text) == nil)
    }
}

@Suite struct Base64Tests {
    @Test(arguments: 0...20) func roundTrip(length: Int) {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: 255 - $0 &* 13) }
        let text = Base64.encode(bytes)
        #expect(text.utf8.count % 4 == 0)
        #expect(Base64.decode(text) == bytes)
    }

    @Test func rfc4648Vectors() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(Base64.decode(encoded) == Array(plain.utf8))
        }
        #expect(Base64.encode([0xFB, 0xFF]) == "+/8=")
        #expect(Base64.decode("Zm9vYg") == Array("foob".utf8))   // missing padding tolerated
    }

    @Test(arguments: ["-_8=", "Zg=", "Zg===", "Zm 9v", "Zm9v\r\n", "Zm9v=", "Z", "Zh=="])
    func refusesInvalid(_ text: String) {
        #expect(Base64.decode(text) == nil)
    }
}

@Suite struct ConstantTimeTests {
    @Test func comparesBytesAndStrings() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(ConstantTime.equals([UInt8](), []))
        #expect(ConstantTime.equals("secret", "secret"))
        #expect(!ConstantTime.equals("secret", "Secret"))
        #expect(!ConstantTime.equals("secret", "secret "))
    }
}

@Suite struct SecureRandomTests {
    @Test func bytesHaveRequestedLengthAndDiffer() {
        #expect(SecureRandom.bytes(count: 0).isEmpty)
        #expect(SecureRandom.bytes(count: -3).isEmpty)
        let first = SecureRandom.bytes(count: 32)
        let second = SecureRandom.bytes(count: 32)
        #expect(first.count == 32 && second.count == 32)
        #expect(first != second)
    }

    @Test func tokenIsUnpaddedBase64URL() {
        let token = SecureRandom.token()
        #expect(token.utf8.count == 43)
        #expect(Base64URL.decode(token)?.count == 32)
        #expect(SecureRandom.token(byteCount: 16).utf8.count == 22)
        #expect(SecureRandom.token() != token)
    }
}

@Suite struct PKCETests {
    @Test func rfc7636AppendixB() {
        #expect(PKCE.s256Challenge(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
            == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        #expect(PKCE.isValidVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
    }

    @Test func verifierSyntax() {
        #expect(PKCE.isValidVerifier(String(repeating: "a", count: 43)))
        #expect(PKCE.isValidVerifier(String(repeating: "~._-", count: 32)))   // 128
        #expect(!PKCE.isValidVerifier(String(repeating: "a", count: 42)))
        #expect(!PKCE.isValidVerifier(String(repeating: "a", count: 129)))
        #expect(!PKCE.isValidVerifier(String(repeating: "a", count: 42) + "+"))
        #expect(!PKCE.isValidVerifier(String(repeating: "a", count: 42) + "="))
        #expect(!PKCE.isValidVerifier(String(repeating: "a", count: 42) + "é"))
        #expect(!PKCE.isValidVerifier(""))
    }
}
