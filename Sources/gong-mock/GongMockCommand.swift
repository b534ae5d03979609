import ArgumentParser
import GongMock

/// The `gong-mock` command line: `serve` (default), `--help`, `--version`.
struct GongMockCommand: ParsableCommand {
    static let version = BuildInfo.releaseVersion

    static let configuration = CommandConfiguration(
        commandName: "gong-mock",
        abstract: "An offline, faithful mock of Gong's hosted MCP server (mcp.gong.io) for MCP clients, CI and QA.",
        version: BuildInfo.current.versionText,
        subcommands: [ServeCommand.self, FixturesCommand.self],
        defaultSubcommand: ServeCommand.self
    )

    /// Parses `CommandLine.arguments` and runs the command. Returns the process exit status:
    /// 0 after a clean stop (or `--help`/`--version`), 2 for a bad flag or a failed start
    /// (busy port, unreadable certificate), 1 for anything else.
    static func runFromCommandLine(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Int32 {
        do {
            var command = try parse(arguments)
            try command.run()
            return 0
        } catch let code as ExitCode {
            // A subcommand that already explained itself (e.g. `fixtures validate` listing problems).
            return code.rawValue
        } catch let failure as StartupFailure {
            printError("gong-mock: \(failure.message)")
            return 2
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version print to standard output.
                print(fullMessage(for: error))
                return 0
            }
            if code == .validationFailure {
                printError("gong-mock: \(message(for: error)) (see 'gong-mock serve --help')")
                return 2
            }
            printError("gong-mock: \(message(for: error))")
            return code.rawValue == 0 ? 1 : code.rawValue
        }
    }

    /// The usual start, `serve …`, is parsed by `ServeCommand` alone: ~0.8 ms less reflection than
    /// from the root, on the start-up critical path. Whatever that does not accept (help,
    /// `--version`, mistakes, completion requests) is parsed again from the root, so every
    /// message, help text and exit code stays exactly the root's.
    static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        if arguments.first == "serve", let serve = try? ServeCommand.parse(Array(arguments.dropFirst())) {
            return serve
        }
        return try parseAsRoot(arguments)
    }
}

/// A start-up problem the user can fix (busy port, bad certificate): one line, exit 2.
struct StartupFailure: Error {
    let message: String
}
