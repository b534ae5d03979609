import Essentials
import Foundation
import Testing
@testable import GongMock

@Suite struct CompanyFixtureValidatorTests {
    /// Breaks one file of a scratch copy and returns the validator's report lines.
    private func problems(after edit: (String) throws -> Void) throws -> [String] {
        let directory = try CompanyTestSupport.scratchCopy()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try edit(directory)
        return CompanyFixtureValidator.validate(directory: directory).map(\.description)
    }

    private func edit(_ file: String, in directory: String, _ change: (JSONValue) -> JSONValue) throws {
        let value = try CompanyTestSupport.readJSON(directory, file)
        try CompanyTestSupport.writeJSON(change(value), directory, file)
    }

    @Test func brokenDealReferenceIsReportedWithFileAndPath() throws {
        let report = try problems { directory in
            try edit("calls.json", in: directory) { $0.replacing(index: 12, key: "dealId", with: "006X") }
        }
        #expect(report == [#"calls.json: [12].dealId "006X" does not match any deal"#])
    }

    @Test func badFieldValuesAreReported() throws {
        let report = try problems { directory in
            try edit("users.json", in: directory) {
                $0.replacing(index: 0, key: "seatType", with: "FREE").replacing(index: 1, key: "active", with: "yes")
                    .replacing(index: 2, key: "title", with: nil).replacing(index: 3, key: "nickname", with: "T")
            }
        }
        #expect(report.contains(#"users.json: [0].seatType must be one of PAID, COLLABORATOR, got "FREE""#))
        #expect(report.contains("users.json: [1].active must be true or false, got string"))
        #expect(report.contains("users.json: [2].title is missing"))
        #expect(report.contains { $0.hasPrefix("users.json: [3].nickname is not a known field") })
    }

    @Test func everyKindOfBrokenReferenceIsFound() throws {
        let report = try problems { directory in
            try edit("emails.json", in: directory) { emails in
                emails.replacing(index: 3, key: "to", with: ["nobody@example.com"])
                    .replacing(index: 4, key: "accountId", with: "001Hs0000NOPE00AAS")
            }
            try edit("deals.json", in: directory) { $0.replacing(index: 0, key: "ownerId", with: "42") }
            try edit("briefs.json", in: directory) { briefs in
                guard case .array(var items) = briefs, case .object(var brief) = items[0],
                      case .array(var sections) = brief["sections"] ?? .null, case .object(var section) = sections[2]
                else { return briefs }
                section["trackerId"] = "tr-missing"
                sections[2] = .object(section)
                brief["sections"] = .array(sections)
                items[0] = .object(brief)
                return .array(items)
            }
        }
        #expect(report.contains(#"emails.json: [3].to[0] "nobody@example.com" does not match the email of any user or contact"#))
        #expect(report.contains(#"emails.json: [4].accountId "001Hs0000NOPE00AAS" does not match any account"#))
        #expect(report.contains(#"deals.json: [0].ownerId "42" does not match any user"#))
        #expect(report.contains(#"briefs.json: [0].sections[2].trackerId "tr-missing" does not match any tracker"#))
    }

    @Test func dealOfAnotherAccountAndUnknownSpeakerAreReported() throws {
        let data = try CompanyTestSupport.bundled()
        let foreignDeal = try #require(data.deals.last).id
        let report = try problems { directory in
            let calls = try CompanyTestSupport.readJSON(directory, "calls.json")
            guard case .array(var items) = calls, case .object(var call) = items[0],
                  case .array(var transcript) = call["transcript"] ?? .null, case .object(var monologue) = transcript[0]
            else { return }
            let account = call["accountId"]?.stringValue ?? ""
            if data.deal(id: foreignDeal)?.accountID == account { return }
            call["dealId"] = .string(foreignDeal)
            monologue["speakerId"] = "9999"
            transcript[0] = .object(monologue)
            call["transcript"] = .array(transcript)
            items[0] = .object(call)
            try CompanyTestSupport.writeJSON(.array(items), directory, "calls.json")
        }
        #expect(report.contains { $0.hasPrefix(#"calls.json: [0].dealId "\#(foreignDeal)" belongs to account"#) })
        #expect(report.contains(#"calls.json: [0].transcript[0].speakerId "9999" does not match any participant of this call"#))
    }

    @Test func duplicatesMissingFilesAndSyntaxErrorsAreReported() throws {
        let report = try problems { directory in
            try edit("accounts.json", in: directory) { accounts in
                accounts.replacing(index: 1, key: "id", with: accounts.arrayValue?[0]["id"])
            }
            try FileManager.default.removeItem(atPath: directory + "/trackers.json")
            try Data("[\n  {\"id\": }\n]".utf8).write(to: URL(fileURLWithPath: directory + "/company.json"))
        }
        #expect(report.contains { $0.hasPrefix("accounts.json: [1].id duplicates the id") })
        #expect(report.contains { $0.hasPrefix("trackers.json: is missing") })
        #expect(report.contains { $0.hasPrefix("company.json: is not valid JSON") && $0.contains("line 2") })
    }

    @Test func loadingABrokenDirectoryThrowsEveryProblem() throws {
        let directory = try CompanyTestSupport.scratchCopy()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try edit("calls.json", in: directory) {
            $0.replacing(index: 0, key: "durationSeconds", with: -5).replacing(index: 1, key: "start", with: ["daysAgo": 3, "time": "25:00"])
        }
        do {
            _ = try CompanyData.load(directory: directory, clock: ManualClock(startingAt: CompanyTestSupport.now))
            Issue.record("a broken fixture must not load")
        } catch {
            let lines = error.problems.map(\.description)
            #expect(lines.contains("calls.json: [0].durationSeconds must be at least 1, got -5"))
            #expect(lines.contains(#"calls.json: [1].start.time must be HH:MM (24-hour, UTC), got "25:00""#))
            #expect(error.description.contains("2 problem(s)"))
        }
    }

    @Test func aMissingDirectoryIsOneClearProblem() {
        let report = CompanyFixtureValidator.validate(directory: "/nonexistent/fixture").map(\.description)
        #expect(report == ["/nonexistent/fixture: is not a readable directory"])
    }
}
