import ArgumentParser
import GongMock

/// `gong-mock fixtures validate DIR`: checks a company fixture directory before `--fixtures`
/// uses it, listing every problem with file and JSON path.
struct FixturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures",
        abstract: "Work with company fixture directories.",
        subcommands: [Validate.self]
    )

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a fixture directory; prints each problem as 'file: path message' and exits 1 if there is any."
        )

        @Argument(help: "The directory holding company.json, users.json, … (see Fixtures/README.md).")
        var directory: String

        func run() throws {
            let problems = CompanyFixtureValidator.validate(directory: directory)
            if problems.isEmpty {
                print("\(directory): valid")
                return
            }
            for problem in problems { printError(problem.description) }
            printError("\(directory): \(problems.count) problem\(problems.count == 1 ? "" : "s")")
            throw ExitCode(1)
        }
    }
}
