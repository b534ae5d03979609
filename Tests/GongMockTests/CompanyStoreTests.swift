import Essentials
import Foundation
import Synchronization
import Testing
@testable import GongMock

/// Editions of the company data: re-anchoring is exact, and a swap never mixes two editions in
/// one tool call (issue #15 §3).
@Suite struct CompanyStoreTests {
    static let day = 86_400.0

    @Test func reanchoringEqualsLoadingAtTheNewNow() throws {
        let loaded = try CompanyTestSupport.bundled()
        for later in [CompanyTestSupport.now + 9 * Self.day + 3_600, CompanyTestSupport.now - 40 * Self.day, CompanyTestSupport.now + 400 * Self.day] {
            let moved = loaded.reanchored(to: later)
            let fresh = try CompanyData.bundled(clock: ManualClock(startingAt: later))
            #expect(moved.calls == fresh.calls)
            #expect(moved.emails == fresh.emails)
            #expect(moved.deals == fresh.deals)
            #expect(moved.anchor == later)
            #expect(moved.users == fresh.users)
        }
    }

    @Test func theSameDayKeepsTheTimesButRecordsTheAnchorAndAbsoluteDataNeverMoves() throws {
        let loaded = try CompanyTestSupport.bundled()
        let sameDay = loaded.reanchored(to: CompanyTestSupport.now + 3_000)
        #expect(sameDay.anchor == CompanyTestSupport.now + 3_000)
        #expect(sameDay.calls == loaded.calls && sameDay.emails == loaded.emails && sameDay.deals == loaded.deals)
        #expect(loaded.reanchored(to: try #require(loaded.anchor)) === loaded)
        let absolute = CompanyData(company: loaded.company, workspace: loaded.workspace, users: loaded.users, accounts: loaded.accounts,
                                   deals: loaded.deals, contacts: loaded.contacts, calls: loaded.calls, emails: loaded.emails,
                                   trackers: loaded.trackers, briefs: loaded.briefs)
        #expect(absolute.reanchored(to: CompanyTestSupport.now + 30 * Self.day) === absolute)
        #expect(CompanyData.date("2026-02-27", movedBy: 3) == "2026-03-02")
        #expect(CompanyData.date("2028-03-01", movedBy: -1) == "2028-02-29")
    }

    @Test func aNewEditionSharesTheSearchIndexes() throws {
        let loaded = try CompanyTestSupport.bundled()
        let store = CompanyStore(loaded)
        store.reanchor(to: CompanyTestSupport.now + 2 * Self.day)
        #expect(!store.current.searchIndexesReady) // cold: stays deferred, as at start-up
        loaded.prepareSearchIndexes()
        #expect(store.current.searchIndexesReady) // one build serves both editions
        store.reanchor(to: CompanyTestSupport.now + 5 * Self.day)
        #expect(store.current.searchIndexesReady)
        #expect(store.current.anchor == CompanyTestSupport.now + 5 * Self.day)
        let fresh = try CompanyData.bundled(clock: ManualClock(startingAt: CompanyTestSupport.now + 5 * Self.day))
        // What a fresh load at that day builds is what the shared indexes hold.
        #expect(store.current.index.callsByAccount == fresh.index.callsByAccount)
        #expect(store.current.index.emailsByContact == fresh.index.emailsByContact)
        #expect(store.current.index.termIDs == fresh.index.termIDs)
        #expect(store.current.visibility(for: .personal(userID: "3769820157081636077")) == fresh.visibility(for: .personal(userID: "3769820157081636077")))
    }

    /// Tool calls run while another thread swaps editions back and forth: every answer is the
    /// one edition A gives or the one edition B gives, never a blend.
    @Test func toolCallsDuringSwapsAnswerFromOneEdition() throws {
        let editionA = try CompanyTestSupport.bundled()
        let editionB = editionA.reanchored(to: CompanyTestSupport.now + 3 * Self.day)
        let clock = ManualClock(startingAt: CompanyTestSupport.now + 10 * Self.day)
        let caller = ToolCaller(access: .shared, userID: nil, integrationName: "Tests")
        let calls: [(String, JSONValue)] = [
            ("ask_account", ["accountId": .string(GongMockHarness.altamira), "question": "What about pricing?", "timePeriod": "ALL_CONVERSATIONS"]),
            ("search_conversations", ["query": "pricing", "timePeriod": "ALL_CONVERSATIONS", "limit": 100]),
        ]
        @Sendable func answer(_ outcome: GongToolOutcome) -> JSONValue? {
            guard case .success(let structured, _) = outcome, var object = structured.value.objectValue else { return nil }
            object["requestId"] = nil
            return .object(object)
        }
        func expected(_ data: CompanyData) -> [JSONValue?] {
            let catalog = GongToolCatalog(data: data, clock: clock, toolset: .november2026, requestIDSeed: 1)
            return calls.map { answer(catalog.run(tool: $0.0, arguments: $0.1.objectValue ?? JSONObject(), caller: caller)) }
        }
        let (fromA, fromB) = (expected(editionA), expected(editionB))
        #expect(fromA != fromB)

        let store = CompanyStore(editionA)
        let catalogs = CurrentToolCatalog(company: store, catalog: GongToolCatalog(data: editionA, clock: clock, toolset: .november2026, requestIDSeed: 2))
        let mixed = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for round in 0..<30 {
                if worker == 0 {
                    store.replace(with: round.isMultiple(of: 2) ? editionB : editionA)
                    continue
                }
                let index = (worker + round) % calls.count
                let got = answer(catalogs.catalog.run(tool: calls[index].0, arguments: calls[index].1.objectValue ?? JSONObject(), caller: caller))
                if got != fromA[index] && got != fromB[index] { mixed.withLock { $0 += 1 } }
            }
        }
        #expect(mixed.withLock { $0 } == 0)
        store.replace(with: editionB)
        #expect(answer(catalogs.catalog.run(tool: calls[0].0, arguments: calls[0].1.objectValue ?? JSONObject(), caller: caller)) == fromB[0])
    }
}
