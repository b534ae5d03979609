#if canImport(Glibc)
import Glibc
#endif

// Argument parsing and exit codes live in GongMockCommand; serving in ServeRunner. Work that
// needs no option starts first, on other threads, while the arguments are parsed.
let prefetch = StartupPrefetch.shared
let status = GongMockCommand.runFromCommandLine()
prefetch.finish()
exit(status)
