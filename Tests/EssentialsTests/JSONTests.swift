import Testing
@testable import Essentials

@Suite struct JSONTests {
    @Test func roundTripsKeepingOrder() throws {
        let text = #"{"b":1,"a":[true,false,null,"x\"y\n",1.5,-2e3],"c":{"d":"é\u00e9"}}"#
        let value = try JSONParser.parse(text)
        #expect(value["b"]?.intValue == 1)
        #expect(value["c"]?["d"]?.stringValue == "éé")
        #expect(JSONSerializer.string(value) == #"{"b":1,"a":[true,false,null,"x\"y\n",1.5,-2000],"c":{"d":"éé"}}"#)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\"}", "01", "1.", "\"\\x\"", "\"\u{01}\"", "tru", "[1] 2", "\"\\ud800\"", "{\"a\":1,}", "-", "1e"])
    func refusesMalformed(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test func refusesDeepNesting() {
        let text = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test func surrogatePairsDecode() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#).stringValue == "😀")
    }

    @Test func redactionNeverShowsTheSecret() {
        let secret = "s3cr3t-value-abcdef"
        let shown = Redact.secret(secret)
        #expect(!shown.contains("s3cr3t"))
        #expect(shown == Redact.secret(secret))
    }
}
