import Essentials

/// Times the start-up phases and logs them at debug level (`--log-level debug`), so a slow start
/// (a large `--fixtures` directory, a big state file) can be attributed without a profiler.
struct StartupStopwatch {
    let clock: any ServerClock
    let logger: Logger
    private var last: Double

    init(clock: any ServerClock, logger: Logger) {
        self.clock = clock
        self.logger = logger
        last = clock.now()
    }

    mutating func lap(_ phase: String) {
        let now = clock.now()
        logger.debug("start-up phase done", [("phase", phase), ("ms", String(Double(Int(((now - last) * 100_000).rounded())) / 100))])
        last = now
    }
}
