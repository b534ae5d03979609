import Testing
@testable import CryptoPrimitives

@Suite struct SHA256Tests {
    @Test func abc() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hash("abc") == SHA256.hash(Array("abc".utf8)))
    }

    @Test func empty() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hash("").count == 32)
    }

    @Test func multiBlockInput() {
        // FIPS 180-2 Appendix B.2 message (two blocks).
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(Hex.lowercase(SHA256.hash(message)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}

@Suite struct HMACSHA256Tests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let key: [UInt8]
        let data: [UInt8]
        let mac: String
        var testDescription: String { name }
    }

    /// RFC 4231 §4.2-4.5, 4.7, 4.8 (test case 5 is a truncated MAC, not applicable).
    static let cases: [Case] = [
        Case(name: "RFC 4231 case 1", key: [UInt8](repeating: 0x0B, count: 20), data: Array("Hi There".utf8),
             mac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        Case(name: "RFC 4231 case 2", key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
             mac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        Case(name: "RFC 4231 case 3", key: [UInt8](repeating: 0xAA, count: 20), data: [UInt8](repeating: 0xDD, count: 50),
             mac: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        Case(name: "RFC 4231 case 4", key: Array(1...25), data: [UInt8](repeating: 0xCD, count: 50),
             mac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        Case(name: "RFC 4231 case 6", key: [UInt8](repeating: 0xAA, count: 131),
             data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
             mac: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        Case(name: "RFC 4231 case 7", key: [UInt8](repeating: 0xAA, count: 131),
             data: Array(("This is a test using a larger than block-size key and a larger than block-size data. "
                 + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
             mac: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test(arguments: cases) func rfc4231(_ vector: Case) {
        #expect(Hex.lowercase(HMACSHA256.mac(key: vector.key, message: vector.data)) == vector.mac)
    }

    @Test func emptyKeyAndMessage() {
        // HMAC-SHA256("", "") is a well-known constant.
        #expect(Hex.lowercase(HMACSHA256.mac(key: [], message: []))
            == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }
}
