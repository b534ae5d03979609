import HTTPServer
import Synchronization

/// Collects a streamed (SSE) response body in memory; scheduled keep-alives never run.
final class CollectingStreamWriter: HTTPStreamWriter {
    private let state = Mutex<(bytes: [UInt8], open: Bool)>(([], true))

    @discardableResult func write(_ bytes: [UInt8]) -> Bool {
        state.withLock { state in
            guard state.open else { return false }
            state.bytes += bytes
            return true
        }
    }

    func finish() { state.withLock { $0.open = false } }
    var isOpen: Bool { state.withLock { $0.open } }
    func onClose(_ handler: @escaping @Sendable () -> Void) {}
    func schedule(after delay: Duration, _ work: @escaping @Sendable () -> Void) {}
    var text: String { state.withLock { String(decoding: $0.bytes, as: UTF8.self) } }

    /// The body of `response` as text, running its stream producer if it has one.
    static func body(of response: HTTPResponse) -> String {
        switch response.body {
        case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .stream(let producer):
            let writer = CollectingStreamWriter()
            producer.start(writer)
            return writer.text
        }
    }
}
