import Essentials
import GongMock

/// Start-up work that needs no parsed option, begun by `main` before the command line is parsed
/// (argument parsing alone takes several milliseconds): the built-in company and an ES256 token
/// signing key, each on its own thread. `serve` takes them when its parsed options ask for exactly
/// that (no `--fixtures`, ES256) and does the work itself otherwise, so a wrong guess here only
/// wastes a little work on another core; it never changes what is served.
final class StartupPrefetch: Sendable {
    /// Touched first by `main`, which starts the work.
    static let shared = StartupPrefetch(arguments: Array(CommandLine.arguments.dropFirst()))

    /// The clock the served application runs on; the company's relative times resolve against it.
    let clock = AdjustableClock()
    private let company: BackgroundTask<Result<CompanyData, GongMockStartupError>>?
    private let signingKey: BackgroundTask<PreparedSigningKey?>?

    init(arguments: [String]) {
        let serving = Self.looksLikeServe(arguments)
        let clock = self.clock
        company = serving && !Self.mentions("--fixtures", in: arguments) && !Self.mentions("--clock", in: arguments)
            ? BackgroundTask { Result { () throws(GongMockStartupError) in try GongMockApplication.loadCompany(options: GongMockOptions(), clock: clock) } }
            : nil
        signingKey = serving && !Self.mentions("--signing-alg", in: arguments)
            ? BackgroundTask { PreparedSigningKey.generate(.es256) }
            : nil
    }

    /// The built-in company, loaded ahead, when `options` want the built-in company.
    func bundledCompany(for options: GongMockOptions) -> BackgroundTask<Result<CompanyData, GongMockStartupError>>? {
        options.fixturesDirectory == nil ? company : nil
    }

    /// The key generated ahead (waiting for it if needed), when `options` want an ES256 key.
    func preparedSigningKey(for options: GongMockOptions) -> PreparedSigningKey? {
        guard options.signingAlgorithm == .es256, let signingKey else { return nil }
        return signingKey.wait() ?? nil
    }

    /// How long generating the signing key ahead took on its thread, if it was (waits for it).
    var signingKeyMilliseconds: Double? { signingKey?.milliseconds }

    /// Waits for the work started here, so the process never exits (tearing down OpenSSL and the
    /// heap) under a thread still using them, e.g. after `serve --help`.
    func finish() {
        _ = company?.wait()
        _ = signingKey?.wait()
    }

    /// `serve` is the default subcommand: no arguments, or options first, also mean serving.
    static func looksLikeServe(_ arguments: [String]) -> Bool {
        guard let first = arguments.first else { return true }
        if first == "serve" { return !arguments.contains { ["--help", "-h", "help"].contains($0) } }
        return first.hasPrefix("-") && !["--help", "-h", "--version"].contains(first)
    }

    private static func mentions(_ option: String, in arguments: [String]) -> Bool {
        arguments.contains { $0 == option || $0.hasPrefix(option + "=") }
    }
}
