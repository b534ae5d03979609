#if canImport(Glibc)
import Glibc
#endif

/// Blocks termination signals for the whole process and waits for them synchronously with
/// `sigwait` (no async signal handler, so nothing unsafe runs in signal context).
struct SignalWaiter {
    private var set = sigset_t()

    /// Must run before any other thread is started: threads inherit the blocked mask.
    init(blocking signals: [Int32]) {
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Blocks until one of the signals arrives; returns it.
    func wait() -> Int32 {
        var set = self.set
        var received: Int32 = 0
        while sigwait(&set, &received) != 0 {}
        return received
    }
}
