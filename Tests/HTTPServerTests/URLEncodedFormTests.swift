import Testing
@testable import HTTPServer

/// `application/x-www-form-urlencoded` parsing (WHATWG URL §5.1), split on bytes.
@Suite struct URLEncodedFormTests {
    private func pairs(_ text: String) -> [String] {
        URLEncodedForm.parse(text).map { "\($0.name)=\($0.value)" }
    }

    @Test func splitsOnAmpersandAndTheFirstEquals() {
        #expect(pairs("grant_type=refresh_token&refresh_token=abc-_.~") == ["grant_type=refresh_token", "refresh_token=abc-_.~"])
        #expect(pairs("a==b&c") == ["a==b", "c="])
        #expect(pairs("&&a=&=x&") == ["a=", "=x"])
        #expect(pairs("") == [])
        #expect(pairs("=") == ["="])
    }

    @Test func decodesEscapesAndPlus() {
        #expect(URLEncodedForm.parse("a%20b=%41%2B+c").first.map { [$0.name, $0.value] } == ["a b", "A+ c"])
        #expect(URLEncodedForm.parse("redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcallback").first?.value == "http://127.0.0.1:9/callback")
        #expect(URLEncodedForm.parse("name=%C3%A9t%C3%A9").first?.value == "été")
        #expect(URLEncodedForm.parse(Array("k=é+ü".utf8)).first?.value == "é ü")
    }

    @Test func keepsMalformedEscapesLiterallyAsBrowsersDo() {
        #expect(URLEncodedForm.parse("a=%zz+b").first?.value == "%zz b")
        #expect(URLEncodedForm.parse("a=%4").first?.value == "%4")
        #expect(URLEncodedForm.parse("a=100%").first?.value == "100%")
        // An escape of invalid UTF-8 is kept as typed rather than decoded into a broken string.
        #expect(URLEncodedForm.parse("a=%FF").first?.value == "%FF")
        #expect(URLEncodedForm.parse([UInt8(ascii: "a"), UInt8(ascii: "="), 0xFF]).first?.value == "\u{FFFD}")
    }

    /// Found by the `form-router` fuzz target after the byte split landed: invalid UTF-8 beside
    /// a valid escape is repaired, then the escape decoded, bytes and text alike.
    @Test func invalidUTF8BesideAnEscapeDecodesLikeTheText() {
        let bytes: [UInt8] = [UInt8(ascii: "a"), UInt8(ascii: "="), 0xFF] + Array("b%40c+d".utf8)
        let fromBytes = URLEncodedForm.parse(bytes).map { [$0.name, $0.value] }
        let fromText = URLEncodedForm.parse(String(decoding: bytes, as: UTF8.self)).map { [$0.name, $0.value] }
        #expect(fromBytes == [["a", "\u{FFFD}b@c d"]])
        #expect(fromBytes == fromText)
        // A raw continuation byte after an escaped lead byte: repaired first, so kept literally.
        let split: [UInt8] = Array("c=%C3".utf8) + [0xB2] + Array("%28".utf8)
        #expect(URLEncodedForm.parse(split).first?.value == "%C3\u{FFFD}%28")
        #expect(URLEncodedForm.parse(split).map(\.value) == URLEncodedForm.parse(String(decoding: split, as: UTF8.self)).map(\.value))
    }

    @Test func strictDecodingRefusesMalformedInput() {
        #expect(URLEncodedForm.percentDecode("%41%42", plusAsSpace: false) == "AB")
        #expect(URLEncodedForm.percentDecode("a+b", plusAsSpace: false) == "a+b")
        #expect(URLEncodedForm.percentDecode("a+b", plusAsSpace: true) == "a b")
        #expect(URLEncodedForm.percentDecode("%4", plusAsSpace: true) == nil)
        #expect(URLEncodedForm.percentDecode("%", plusAsSpace: true) == nil)
        #expect(URLEncodedForm.percentDecode("%C3", plusAsSpace: true) == nil)
        #expect(URLEncodedForm.percentDecode("", plusAsSpace: true) == "")
    }

    @Test func mediaTypeIsBareLowercase() {
        func mediaType(_ value: String) -> String? {
            HTTPRequest(method: .post, target: "/", headers: HTTPHeaders([("Content-Type", value)])).mediaType
        }
        #expect(mediaType("application/x-www-form-urlencoded") == "application/x-www-form-urlencoded")
        #expect(mediaType("Application/X-WWW-Form-URLEncoded; charset=UTF-8") == "application/x-www-form-urlencoded")
        #expect(mediaType(" application/json ") == "application/json")
        #expect(mediaType("") == nil)
    }
}
