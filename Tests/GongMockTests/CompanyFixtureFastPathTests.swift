import Essentials
import Foundation
import Testing
@testable import GongMock

/// The fast loading path (calls and e-mails decoded straight from bytes) must give exactly what
/// the general path gives, and must decline, never accept, whatever the general path refuses.
@Suite struct CompanyFixtureFastPathTests {
    private let now = CompanyTestSupport.now

    /// The general path alone, as before the fast path existed.
    private func generalPath(_ files: [(name: String, bytes: [UInt8])]) throws(CompanyFixtureError) -> CompanyData {
        let (documents, problems) = CompanyFixtureFiles.parse(files)
        return try CompanyData.build(documents: documents, readProblems: problems, now: now)
    }

    @Test func bundledFixtureTakesTheFastPathAndDecodesLikeTheGeneralPath() throws {
        let files = CompanyFixtureFiles.bundledBytes()
        let fast = try #require(CompanyFixtureValidator.validateFast(files: files, now: now))
        let (documents, _) = CompanyFixtureFiles.parse(files)
        let (general, problems) = CompanyFixtureValidator.validate(documents: documents, now: now)
        #expect(problems.isEmpty)
        #expect(fast.calls.map(\.value) == general.calls.map(\.value))
        #expect(fast.emails.map(\.value) == general.emails.map(\.value))
        #expect(fast.calls.map(\.position) == general.calls.map(\.position))
        #expect(fast.users.map(\.value) == general.users.map(\.value))
        #expect(fast.calls.count == 60)
    }

    @Test func loadedCompanyMatchesTheGeneralPath() throws {
        let files = CompanyFixtureFiles.bundledBytes()
        let loaded = try CompanyData.build(files: files, readProblems: [], now: now)
        let general = try generalPath(files)
        #expect(loaded.calls == general.calls)
        #expect(loaded.emails == general.emails)
        #expect(loaded.users == general.users)
        #expect(loaded.deals == general.deals)
    }

    /// Edits of calls.json / emails.json text; each must make the fast path decline.
    static let declined: [(String, String, String)] = [
        ("calls.json", #""durationSeconds":"#, #""durationSeconds": 1.0e3, "ignored":"#),
        ("calls.json", #""title":"#, #""title": "x", "title":"#),
        ("calls.json", #""text":""#, #""text":"\u0041"#),
        ("calls.json", #""startSeconds":"#, #""startSeconds":-"#),
        ("calls.json", #""speakerId":""#, #""speakerId":"9"#),
        ("calls.json", #""dealId":"#, #""dealId":"","x":"#),
        ("emails.json", #""subject":""#, #""subject":"","s":""#),
        ("emails.json", #""from":""#, #""from":"no-at-sign "#),
        ("emails.json", #""cc":["#, #""cc":[1,"#),
        ("emails.json", #""body":""#, #""body":"\#u{01}"#),
    ]

    @Test(arguments: 0..<declined.count)
    func unusualOrBrokenFilesGoToTheGeneralPath(_ index: Int) throws {
        let (file, target, replacement) = Self.declined[index]
        var files = CompanyFixtureFiles.bundledBytes()
        let position = try #require(files.firstIndex { $0.name == file })
        let text = String(decoding: files[position].bytes, as: UTF8.self)
        let range = try #require(text.range(of: target))
        files[position].bytes = Array(text.replacingCharacters(in: range, with: replacement).utf8)

        #expect(CompanyFixtureValidator.validateFast(files: files, now: now) == nil)
        // Loading (fast path first) and the general path agree: same company, or same problems.
        let loaded = Result { () throws(CompanyFixtureError) in try CompanyData.build(files: files, readProblems: [], now: now) }
        let general = Result { () throws(CompanyFixtureError) in try generalPath(files) }
        switch (loaded, general) {
        case (.success(let loaded), .success(let general)):
            #expect(loaded.calls == general.calls)
            #expect(loaded.emails == general.emails)
        case (.failure(let loaded), .failure(let general)):
            #expect(loaded.problems == general.problems)
            #expect(!loaded.problems.isEmpty)
        default:
            Issue.record("loading and the general path disagree for edit \(index)")
        }
    }

    @Test func directoryLoadReportsProblemsInFileOrder() throws {
        let directory = try CompanyTestSupport.scratchCopy()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.removeItem(atPath: directory + "/emails.json")
        try Data("{".utf8).write(to: URL(fileURLWithPath: directory + "/users.json"))
        let error = #expect(throws: CompanyFixtureError.self) {
            try CompanyData.load(directory: directory, clock: ManualClock(startingAt: now))
        }
        let expected = CompanyFixtureValidator.validate(directory: directory)
        #expect(error?.problems.map(\.file).prefix(2) == ["users.json", "emails.json"])
        #expect(error?.problems.first == expected.first)
    }
}
