import Essentials
import Foundation
import Testing
@testable import GongMock

@Suite struct CompanyFixtureTests {
    @Test func canonicalFixtureValidatesClean() {
        let problems = CompanyFixtureValidator.validate(directory: CompanyTestSupport.fixtureDirectory)
        #expect(problems.isEmpty, "\(problems.map(\.description))")
    }

    @Test func bundledFixtureLoadsWithTheDocumentedShape() throws {
        let data = try CompanyTestSupport.bundled()
        #expect(data.workspace.id == "1237998047883638784")
        #expect(data.users.count == 12)
        #expect(data.users.filter { $0.seatType == .collaborator }.count >= 2)
        #expect(data.users.contains { !$0.active })
        #expect(Set(data.users.map(\.permissionScope)) == Set(PermissionScope.allCases))
        #expect(data.accounts.count == 8)
        #expect(data.deals.count == 12)
        #expect(data.calls.count == 60)
        #expect(data.emails.count >= 190)
        #expect(data.calls.contains { $0.durationSeconds < 600 } && data.calls.contains { $0.durationSeconds > 600 })
        #expect(data.briefs.contains { !$0.published })
        #expect(data.activePaidSeatCount == 9)
    }

    @Test func bundledCopyMatchesTheCanonicalFiles() throws {
        for (name, json) in BundledCompanyFixture.files {
            let embedded = try JSONParser.parse(json)
            let onDisk = try CompanyTestSupport.readJSON(CompanyTestSupport.fixtureDirectory, name)
            #expect(embedded == onDisk, "\(name) differs: run scripts/generate-fixture")
        }
    }

    @Test func relativeTimesResolveAgainstTheClock() throws {
        let data = try CompanyTestSupport.bundled()
        let now = CompanyTestSupport.now
        #expect(data.calls.allSatisfy { $0.startTime < now })
        #expect(data.calls.filter { $0.startTime >= now - 30 * 86_400 }.count >= 8, "last 30 days must have calls")
        #expect(data.calls.contains { $0.startTime < now - 365 * 86_400 }, "history reaches beyond a year")
        // Calls are kept most recent first.
        #expect(zip(data.calls, data.calls.dropFirst()).allSatisfy { $0.startTime >= $1.startTime })
        let later = try CompanyData.bundled(clock: ManualClock(startingAt: now + 86_400))
        #expect(later.calls[0].startTime == data.calls[0].startTime + 86_400)
    }

    @Test func loadingFromADirectoryEqualsTheBundledData() throws {
        let clock = ManualClock(startingAt: CompanyTestSupport.now)
        let fromDisk = try CompanyData.load(directory: CompanyTestSupport.fixtureDirectory, clock: clock)
        let bundled = try CompanyData.bundled(clock: clock)
        #expect(fromDisk.calls == bundled.calls)
        #expect(fromDisk.emails == bundled.emails)
        #expect(fromDisk.briefs == bundled.briefs)
    }
}
