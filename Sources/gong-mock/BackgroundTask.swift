import Foundation
import Synchronization

/// Runs one piece of start-up work on its own thread and hands the result over once, so the
/// company fixture loads while the sockets and event loops start (the two cores work at once)
/// and the search indexes build once the server answers.
final class BackgroundTask<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in
            let value = work()
            result.withLock { $0 = value }
            done.signal()
        }
        thread.name = "gong-mock-startup"
        thread.start()
    }

    /// Blocks until the work is finished and returns its result (nil only if it never stored one).
    func wait() -> Value? {
        done.wait()
        done.signal()
        return result.withLock { $0 }
    }
}
