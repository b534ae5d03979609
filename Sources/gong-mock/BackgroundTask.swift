import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs one piece of start-up work on its own thread and hands the result over once, so the
/// company fixture loads while the sockets and event loops start (the two cores work at once).
final class BackgroundTask<Value: Sendable>: Sendable {
    enum Priority {
        /// Start-up work on the critical path.
        case normal
        /// Work nothing waits for yet (nice 19): it must not slow the first answers.
        case background
    }

    private let result = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(priority: Priority = .normal, _ work: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in
            if priority == .background {
                // Linux keeps nice values per thread; `who` 0 is the calling thread only.
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
            }
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
