import Essentials
import Testing
@testable import GongMock

/// The answer's text item is written beside the answer instead of escaping the answer again: the
/// two must stay the same document (MCP "Structured Content": the text is the serialised JSON).
@Suite struct DualJSONWriterTests {
    private func escaped(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        bytes.withUnsafeBufferPointer { JSONSerializer.appendEscapedContents(utf8: $0, into: &output) }
        return output
    }

    @Test func theTextIsTheDocumentEscapedWhateverThePartsHold() throws {
        var writer = DualJSONWriter()
        writer.append(DualJSONWriter.Fragment(#"{"a":"#))
        writer.appendString("quote \" backslash \\ tab \t newline \n bell \u{7} déjà vu 😀")
        writer.append(UInt8(ascii: ","))
        writer.append(DualJSONWriter.Fragment(#""n":"#))
        writer.appendInteger(-1_234)
        writer.append(DualJSONWriter.Fragment(#","plain":"#))
        var plain = "no escapes here"
        plain.withUTF8 { writer.appendPlainString(utf8: $0) }
        writer.append(DualJSONWriter.Fragment("}"))
        let document = writer.document
        #expect(document.escapedText == escaped(document.bytes))
        let value = try JSONParser.parse(document.bytes)
        #expect(value["a"] == .string("quote \" backslash \\ tab \t newline \n bell \u{7} déjà vu 😀"))
        #expect(value["n"] == .number(-1_234))
        #expect(value["plain"] == "no escapes here")
        // The text item holds the document itself, once unescaped.
        let text = try JSONParser.parse([UInt8(ascii: "\"")] + (document.escapedText ?? []) + [UInt8(ascii: "\"")])
        #expect(text == .string(String(decoding: document.bytes, as: UTF8.self)))
    }

    @Test func aWriterWithoutTextWritesTheSameDocument() {
        var both = DualJSONWriter(), rawOnly = DualJSONWriter(writesText: false)
        for index in 0..<2 {
            var writer = index == 0 ? both : rawOnly
            writer.append(DualJSONWriter.Fragment("["))
            writer.appendString("a \"b\"")
            writer.append(DualJSONWriter.Fragment("]"))
            if index == 0 { both = writer } else { rawOnly = writer }
        }
        #expect(both.document.bytes == rawOnly.document.bytes)
        #expect(rawOnly.document.escapedText == nil)
    }

    @Test func askAnswersCarryTheirOwnEscapedText() throws {
        let data = try CompanyTestSupport.bundled()
        let catalog = GongToolCatalog(data: data, clock: ManualClock(startingAt: CompanyTestSupport.now), requestIDSeed: 7)
        let caller = ToolCaller(access: .shared, userID: nil, integrationName: "Tests")
        let questions = ["What did they say about pricing?", "What was the last activity?", "\"security\" or \\compliance\\?",
                         "xylophone", "Wie steht's um die Preisgestaltung? déjà vu", "next steps, risks and competitors"]
        var answers = 0
        for account in data.accounts {
            for question in questions {
                let outcome = catalog.run(tool: "ask_account", arguments: JSONObject([
                    ("accountId", .string(account.id)), ("question", .string(question)), ("timePeriod", "ALL_CONVERSATIONS"),
                ]), caller: caller)
                guard case .success(let document, _) = outcome else {
                    Issue.record("expected an answer for \(account.id) / \(question), got \(outcome)")
                    continue
                }
                #expect(document.escapedText == escaped(document.bytes), "\(account.id) / \(question)")
                answers += 1
            }
        }
        #expect(answers == data.accounts.count * questions.count)
    }

    /// Call positions as Gong's player shows them, then the seconds, on both sides alike.
    @Test(arguments: [(0, "0:00"), (8, "0:08"), (292, "4:52"), (2_941, "49:01"), (3_599, "59:59"), (3_600, "1:00:00"),
                      (3_725, "1:02:05"), (40_000, "11:06:40"), (-5, "0:0-5")])
    func timestampsAreWrittenAsThePlayerShowsThem(seconds: Int, shown: String) {
        var writer = DualJSONWriter()
        FindingsRenderer.writeTimestamp(seconds, into: &writer)
        let tail = #"","timestampSeconds":\#(seconds)}"#
        #expect(String(decoding: writer.document.bytes, as: UTF8.self) == shown + tail)
        #expect(writer.document.escapedText == escaped(writer.document.bytes))
    }
}
