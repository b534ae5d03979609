import Essentials
import Foundation
import HTTPServer
import Testing
@testable import GongMock

/// Issue #16: the journal's `--journal-bytes` accounting against the heap an entry really keeps
/// (malloc's bytes in use, glibc `mallinfo2`), for charged ask_account calls. The heap is the
/// whole process's, so other tests running at the same time would blur it: opt-in, run alone:
///   GONG_MOCK_MEMORY_PROBE=1 swift test --filter JournalMemoryAccountingTests
@Suite(.enabled(if: ProcessInfo.processInfo.environment["GONG_MOCK_MEMORY_PROBE"] == "1"))
struct JournalMemoryAccountingTests {
    typealias H = GongMockHarness

    /// Heap bytes per call after `calls` calls, and the journal's accounted bytes per entry.
    func heapPerCall(journalEntries: Int, calls: Int = 3_000) throws -> (heap: Double, accounted: Double) {
        var options = GongMockOptions()
        options.journal.entries = journalEntries
        options.journal.bytes = 1 << 40
        let harness = try H(options: options)
        let headers = harness.openSession(harness.accessToken())
        let call: JSONValue = ["name": "ask_account",
                               "arguments": ["accountId": .string(H.altamira), "question": "Risks?", "timePeriod": "ALL_CONVERSATIONS"]]
        for _ in 0..<50 { _ = harness.inSession(headers, method: "tools/call", params: call) }
        ProcessMemory.returnFreePages()
        let before = ProcessMemory.bytesInUse
        for _ in 0..<calls { _ = harness.inSession(headers, method: "tools/call", params: call) }
        let heap = Double(ProcessMemory.bytesInUse - before) / Double(calls)
        let usage = harness.app.journal.usage
        return (heap, Double(usage.bytes) / Double(max(usage.entries, 1)))
    }

    @Test func accountedBytesCoverWhatAnEntryKeeps() throws {
        let on = try heapPerCall(journalEntries: 100_000)
        let off = try heapPerCall(journalEntries: 0)
        let kept = on.heap - off.heap
        print("journal entry: \(Int(kept)) heap bytes kept, \(Int(on.accounted)) accounted (ask_account, charged)")
        // Never under-counted (the budget is a bound), and not so over-counted that the ring
        // keeps far fewer entries than the budget allows.
        #expect(on.accounted >= kept && on.accounted <= kept * 1.5)
    }
}
