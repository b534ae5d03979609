import Dispatch
import HTTPServer
import Synchronization

/// Sits in front of `/mcp` and, when the first request reaches it, builds what only tool calls
/// need (the company's search indexes and the tool engines) on a background thread, then returns
/// the build's scratch to the system. Building them at start-up instead kept ~1 MB resident in a
/// server nobody calls (issue #16: idle RSS ≤ 20 MB). A client's first tool call follows its
/// `initialize` and `tools/list`, so the build (a few ms) is normally done by then; a tool call that
/// arrives during it waits for it (`DeferredValue`), and one that comes first builds it itself.
final class ToolWarmUpResponder: HTTPResponder {
    private let next: any HTTPResponder
    private let warmUp: @Sendable () -> Void
    private let started = Atomic<Bool>(false)

    init(_ next: any HTTPResponder, warmUp: @escaping @Sendable () -> Void) {
        self.next = next
        self.warmUp = warmUp
    }

    func respond(to request: HTTPRequest, context: RequestContext) throws -> HTTPResponse {
        // A plain load first: after the first request this is the whole cost on the hot path.
        if !started.load(ordering: .relaxed),
           started.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged {
            let warmUp = self.warmUp
            DispatchQueue.global(qos: .userInitiated).async {
                warmUp()
                ProcessMemory.returnFreePages()
            }
        }
        return try next.respond(to: request, context: context)
    }
}
