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

    @Test func redactionShowsLengthAndFNVFingerprint() {
        // FNV-1a 32 in zero-padded lowercase hex, the UTF-8 length in decimal (values from a
        // reference implementation): the journal and logs of earlier versions stay comparable.
        #expect(Redact.secret("a") == "<redacted len=1 fp=e40c292c>")
        #expect(Redact.secret("hello world") == "<redacted len=11 fp=d58b3fa7>")
        #expect(Redact.secret(String(repeating: "x", count: 1234)) == "<redacted len=1234 fp=3a8e13ad>")
        #expect(Redact.secret("é") == "<redacted len=2 fp=1e9de8c1>")
        #expect(Redact.secret("") == "<empty>")
        #expect(Redact.fingerprint("a") == "e40c292c")
    }
}

@Suite struct JSONObjectTests {
    @Test func duplicateKeysKeepTheLastValueAndFirstPosition() throws {
        // Duplicates resolve as the subscript setter does: the first position, the last value.
        let value = try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(value.objectValue?.keys == ["a", "b"])
        #expect(value["a"]?.intValue == 3)
    }

    /// Past the parser's linear-search limit the duplicate is found through its table, with the
    /// same result: a duplicate of a key seen before the switch, and one seen after it.
    @Test func duplicateKeysResolveTheSameInLargeObjects() throws {
        let keys = (0..<(JSONParser.linearKeyLimit + 4)).map { "k\($0)" }
        let text = "{" + keys.enumerated().map { "\"\($1)\":\($0)" }.joined(separator: ",") + #","k1":-1,"k\#(keys.count - 1)":-2}"#
        let value = try JSONParser.parse(text)
        #expect(value.objectValue?.keys == keys)
        #expect(value["k1"]?.intValue == -1)
        #expect(value["k\(keys.count - 1)"]?.intValue == -2)
        #expect(value["k0"]?.intValue == 0)
    }

    @Test func removalKeepsLookupsRight() {
        var object = JSONObject([("a", 1), ("b", 2), ("c", 3), ("d", 4)])
        object["b"] = nil
        #expect(object.keys == ["a", "c", "d"])
        #expect(object["c"]?.intValue == 3 && object["d"]?.intValue == 4 && object["b"] == nil)
        object["b"] = 5
        #expect(object.keys == ["a", "c", "d", "b"])
        #expect(object["b"]?.intValue == 5)
    }

    @Test func manyDistinctKeysParse() throws {
        // 50,000 keys: linear with the index (quadratic before; found by fuzzing).
        let text = "{" + (0..<50_000).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}"
        let value = try JSONParser.parse(text)
        #expect(value.objectValue?.count == 50_000)
        #expect(value["k49999"]?.intValue == 49_999)
        // Round trip and compare (the fuzz target's check): linear, also for this size.
        #expect(try JSONParser.parse(JSONSerializer.bytes(value)) == value)
    }

    /// Fuzz/crashes/json-quadratic-object-keys: 80,000 distinct keys (869 KB, under the default
    /// body limit) took 12 s of CPU when every member was inserted through a linear search.
    /// Asserted by relative scaling, not a wall-clock limit: 16× the keys must cost well under
    /// the 256× a quadratic parse would; the bound (64×) leaves 4× for a busy machine (best of
    /// five runs each).
    @Test func eightyThousandKeysParseInLinearTime() throws {
        func document(_ keys: Int) -> [UInt8] {
            Array(("{" + (0..<keys).map { "\"key-\($0)\":\($0)" }.joined(separator: ",") + "}").utf8)
        }
        func bestOfFive(_ bytes: [UInt8]) throws -> Duration {
            var best = Duration.seconds(1_000)
            for _ in 0..<5 {
                let clock = ContinuousClock()
                let start = clock.now
                let value = try JSONParser.parse(bytes)
                best = min(best, clock.now - start)
                #expect(value.objectValue != nil)
            }
            return best
        }
        let small = document(5_000), large = document(80_000)
        let parsed = try JSONParser.parse(large)
        #expect(parsed.objectValue?.count == 80_000 && parsed["key-79999"]?.intValue == 79_999)
        let ratio = try bestOfFive(large) / bestOfFive(small)
        #expect(ratio < 64, "80,000 keys took \(ratio)× as long as 5,000 (linear ≈ 16×, quadratic ≈ 256×)")
    }

    @Test func equalityAndHashIgnoreOrder() {
        let one = JSONObject([("a", 1), ("b", 2)])
        let two = JSONObject([("b", 2), ("a", 1)])
        #expect(one == two)
        #expect(one.hashValue == two.hashValue)
    }
}
