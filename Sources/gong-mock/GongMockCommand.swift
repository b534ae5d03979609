import ArgumentParser

/// The `gong-mock` command line: `serve` (default), `--help`, `--version`.
struct GongMockCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "gong-mock",
        abstract: "An offline, faithful mock of Gong's hosted MCP server (mcp.gong.io) for MCP clients, CI and QA.",
        version: "gong-mock \(version)",
        subcommands: [ServeCommand.self],
        defaultSubcommand: ServeCommand.self
    )

    /// Parses `CommandLine.arguments` and runs the command. Returns the process exit status:
    /// 0 after a clean stop (or `--help`/`--version`), 2 for a bad flag or a failed start
    /// (busy port, unreadable certificate), 1 for anything else.
    static func runFromCommandLine(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
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
}

/// A start-up problem the user can fix (busy port, bad certificate): one line, exit 2.
struct StartupFailure: Error {
    let message: String
}
