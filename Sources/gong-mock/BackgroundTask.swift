import Essentials
import Dispatch
import Synchronization

/// Runs one piece of start-up work on its own thread and hands the result over once, so the
/// company fixture loads while the sockets and event loops start (the two cores work at once)
/// and the search indexes build once the server answers.
final class BackgroundTask<Value: Sendable>: Sendable {
    private let result = Mutex<(value: Value, milliseconds: Double)?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        // A Dispatch work item rather than Foundation's Thread: Thread would link all of
        // Foundation (and ICU) into the static binary for this one use.
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let clock = SystemClock()
            let start = clock.now()
            let value = work()
            let milliseconds = (clock.now() - start) * 1000
            result.withLock { $0 = (value, milliseconds) }
            done.signal()
        }
    }

    /// Blocks until the work is finished and returns its result (nil only if it never stored one).
    func wait() -> Value? {
        done.wait()
        done.signal()
        return result.withLock { $0?.value }
    }

    /// How long the work ran on its thread (for the debug-level start-up phase log); waits too.
    var milliseconds: Double? {
        done.wait()
        done.signal()
        return result.withLock { $0?.milliseconds }
    }
}
