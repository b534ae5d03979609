import HTTPServer
import Synchronization

/// Open `subscriptions/listen` streams (2026-07-28 "Subscriptions"), each with the notification
/// types its client asked for, so a change reaches exactly the streams that opted in.
final class MCPListenerSet: Sendable {
    struct Listener: Sendable {
        let writer: any HTTPStreamWriter
        let subscriptionID: JSONRPCID
        let toolsListChanged: Bool
    }

    private let state = Mutex<(next: Int, listeners: [Int: Listener])>((0, [:]))

    /// Registers a stream; the returned key removes it.
    func add(_ listener: Listener) -> Int {
        state.withLock { state in
            state.next += 1
            state.listeners[state.next] = listener
            return state.next
        }
    }

    func remove(_ key: Int) {
        state.withLock { _ = $0.listeners.removeValue(forKey: key) }
    }

    var count: Int { state.withLock { $0.listeners.count } }

    /// The streams that asked for tools-list changes.
    var toolsListeners: [Listener] { state.withLock { $0.listeners.values.filter(\.toolsListChanged) } }
}
