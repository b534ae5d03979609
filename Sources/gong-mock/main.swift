#if canImport(Glibc)
import Glibc
#endif

// Argument parsing and exit codes live in GongMockCommand; serving in ServeRunner.
exit(GongMockCommand.runFromCommandLine())
