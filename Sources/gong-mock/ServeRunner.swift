#if canImport(Glibc)
import Glibc
#endif
import Essentials
import GongMock
import HTTPServer

/// Runs `gong-mock serve`: logging, TLS material, the server, the ready file, the banner, and a
/// graceful stop on SIGINT/SIGTERM. What is served is `GongMockServer`'s (GongMock), the same
/// stack the tests run.
struct ServeRunner {
    let options: ServeCommand
    /// How long in-flight requests get to finish after SIGINT/SIGTERM.
    var shutdownGrace: Duration = .seconds(5)

    init(options: ServeCommand) { self.options = options }

    func run() throws {
        let format = StandardErrorLogSink.Format(rawValue: options.logFormat) ?? .text
        let level = LogLevel(name: options.logLevel) ?? .info
        let logger = Logger(category: "gong-mock", sink: StandardErrorLogSink(minimumLevel: level, format: format), clock: StartupPrefetch.shared.clock)

        // Signals are blocked before any thread starts, so every thread inherits the mask and
        // only the main thread's sigwait receives them.
        let signals = SignalWaiter(blocking: [SIGINT, SIGTERM])

        let (tls, certificatePath) = try prepareTLS(logger: logger)
        var configuration = HTTPServerConfiguration(host: options.host, port: options.port, tls: tls)
        configuration.clock = StartupPrefetch.shared.clock
        if let threads = options.threads { configuration.threads = threads }

        var configured = try options.gong.makeOptions(publicURL: options.publicURL)
        configured.trustProxy = options.trustProxy
        options.journal.apply(to: &configured)
        configured.loopbackHostCheck = ["127.0.0.1", "::1", "[::1]", "localhost"].contains(options.host) || options.host.hasPrefix("127.")
        let gongOptions = configured
        let prefetch = StartupPrefetch.shared
        let clock = prefetch.clock
        // A virtual clock start must be in force before the company's relative times resolve.
        let clockStart = gongOptions.effectiveClockStart
        if let clockStart { ClockControl(clock: clock).set(to: clockStart) }
        let companyLoad = (clockStart == nil ? prefetch.bundledCompany(for: gongOptions) : nil)
            ?? BackgroundTask { Result { () throws(GongMockStartupError) in try GongMockApplication.loadCompany(options: gongOptions, clock: clock) } }
        // The application's URLs contain the bound port (port 0 → ephemeral), so the server binds
        // first (answering 503) and the application is installed once built.
        let server = GongMockServer(configuration: configuration, logger: logger)
        do {
            try server.bind()
        } catch {
            throw StartupFailure(message: error.description)
        }

        let baseURL = server.baseURL(publicURL: options.publicURL)
        let application: GongMockApplication
        do {
            let waitStart = SystemClock().now()
            let company = try (companyLoad.wait() ?? .failure(GongMockStartupError("the company fixture loader stopped without a result"))).get()
            let signingKey = prefetch.preparedSigningKey(for: gongOptions)
            logBackgroundPhases(logger, prefetch: prefetch, companyLoad: companyLoad, waited: SystemClock().now() - waitStart)
            application = try GongMockApplication(options: gongOptions, baseURL: baseURL, logger: logger, clock: clock, company: company,
                                                  signingKey: signingKey)
        } catch {
            server.stop(gracePeriod: .zero)
            throw StartupFailure(message: error.description)
        }
        server.install(application)
        // Only tool calls need the search indexes: the first request to /mcp starts their build
        // (ToolWarmUpResponder), so an idle server never holds them (issue #16: idle RSS).
        // Start-up's scratch (fixture parsing and key generation on other threads, each with its
        // own malloc arena) is freed but stays resident until trimmed.
        _ = BackgroundTask { ProcessMemory.returnFreePages() }
        if let readyFile = options.readyFile {
            do {
                try ReadyFile.write(to: readyFile, application: application, port: server.port)
            } catch {
                server.stop(gracePeriod: .zero)
                throw StartupFailure(message: "cannot write --ready-file: \(error)")
            }
        }
        Banner.print(application: application, addresses: server.boundAddresses, certificatePath: certificatePath)

        let received = signals.wait()
        logger.notice("stopping", [("signal", received == SIGINT ? "SIGINT" : "SIGTERM")])
        server.stop(gracePeriod: shutdownGrace)
        if let readyFile = options.readyFile { _ = unlink(readyFile) }
        logger.notice("stopped")
    }

    /// The work done on other threads and how long this one waited for it, in the format of
    /// the application's "start-up phase done" lines (`--log-level debug`).
    private func logBackgroundPhases(_ logger: Logger, prefetch: StartupPrefetch,
                                     companyLoad: BackgroundTask<Result<CompanyData, GongMockStartupError>>, waited: Double) {
        guard logger.isEnabled(.debug) else { return }
        let phases = [("company fixture (background)", companyLoad.milliseconds),
                      ("signing key (background)", prefetch.signingKeyMilliseconds),
                      ("waiting for background work", waited * 1000)]
        for case let (phase, milliseconds?) in phases {
            let hundredths = Int((milliseconds * 100).rounded())
            let text = "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
            logger.debug("start-up phase done", [("phase", phase), ("ms", text)])
        }
    }

    private func prepareTLS(logger: Logger) throws -> (TLSConfiguration?, String?) {
        guard options.tls else { return (nil, nil) }
        do {
            if let certificate = options.tlsCertificate, let key = options.tlsKey {
                return (try TLSConfiguration.files(certificatePath: certificate, privateKeyPath: key), certificate)
            }
            let generated = try TLSConfiguration.selfSigned()
            let path = try CertificateFile.write(generated.certificateChainPEM, to: options.tlsCertificateOut)
            logger.info("generated a self-signed certificate", [("path", path)])
            return (generated, path)
        } catch let error as HTTPServerError {
            throw StartupFailure(message: error.description)
        }
    }
}
