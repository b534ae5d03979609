#if canImport(Glibc)
import Glibc
#endif
import Essentials
import GongMock
import HTTPServer

/// Runs `gong-mock serve`: logging, TLS material, the server, the ready file, the banner, and a
/// graceful stop on SIGINT/SIGTERM. The integrator extends `makeResponder` (today a router
/// with `/healthz` and a placeholder; later the GongMock composition).
struct ServeRunner {
    let options: ServeCommand
    /// How long in-flight requests get to finish after SIGINT/SIGTERM.
    var shutdownGrace: Duration = .seconds(5)

    init(options: ServeCommand) { self.options = options }

    func run() throws {
        let format = StandardErrorLogSink.Format(rawValue: options.logFormat) ?? .text
        let level = LogLevel(name: options.logLevel) ?? .info
        let logger = Logger(category: "gong-mock", sink: StandardErrorLogSink(minimumLevel: level, format: format))

        // Signals are blocked before any thread starts, so every thread inherits the mask and
        // only the main thread's sigwait receives them.
        let signals = SignalWaiter(blocking: [SIGINT, SIGTERM])

        let (tls, certificatePath) = try prepareTLS(logger: logger)
        var configuration = HTTPServerConfiguration(host: options.host, port: options.port, tls: tls)
        if let threads = options.threads { configuration.threads = threads }

        let environment = ServeEnvironment(logger: logger, scheme: tls == nil ? "http" : "https", publicURL: options.publicURL)
        var configured = try options.gong.makeOptions(publicURL: options.publicURL)
        configured.trustProxy = options.trustProxy
        configured.loopbackHostCheck = ["127.0.0.1", "::1", "[::1]", "localhost"].contains(options.host) || options.host.hasPrefix("127.")
        let gongOptions = configured
        let prefetch = StartupPrefetch.shared
        let clock = prefetch.clock
        let companyLoad = prefetch.bundledCompany(for: gongOptions)
            ?? BackgroundTask { Result { () throws(GongMockStartupError) in try GongMockApplication.loadCompany(options: gongOptions, clock: clock) } }
        // The application's URLs contain the bound port (port 0 → ephemeral), so the socket
        // starts with an empty slot and the application is installed once built.
        let slot = ReplaceableResponder()
        let responder = MiddlewareChain(middleware(environment, gongOptions), responder: slot)
        let server = HTTPServer(configuration: configuration, responder: responder, logger: logger.scoped("http"))
        do {
            try server.start()
        } catch {
            throw StartupFailure(message: error.description)
        }

        let baseURL = environment.baseURL(host: options.host, port: server.boundPort)
        let application: GongMockApplication
        do {
            let waitStart = SystemClock().now()
            let company = try (companyLoad.wait() ?? .failure(GongMockStartupError("the company fixture loader stopped without a result"))).get()
            let signingKey = prefetch.preparedSigningKey(for: gongOptions)
            logBackgroundPhases(logger, prefetch: prefetch, companyLoad: companyLoad, waited: SystemClock().now() - waitStart)
            application = try GongMockApplication(options: gongOptions, baseURL: baseURL, logger: logger, clock: clock, company: company,
                                                  signingKey: signingKey)
        } catch {
            server.shutdown(gracePeriod: .zero)
            server.waitUntilStopped()
            throw StartupFailure(message: error.description)
        }
        slot.install(application.responder)
        // Only tool calls need the search indexes: build them now that /healthz answers; a tool
        // call arriving first waits for this build (see DeferredValue). Normal priority on
        // purpose: a lower one measured no faster first answer, and such a waiter would then
        // wait on a thread the scheduler starves under load.
        _ = BackgroundTask { application.prepareForToolCalls() }
        if let readyFile = options.readyFile {
            do {
                try ReadyFile.write(to: readyFile, application: application, port: server.boundPort)
            } catch {
                server.shutdown(gracePeriod: .zero)
                server.waitUntilStopped()
                throw StartupFailure(message: "cannot write --ready-file: \(error)")
            }
        }
        Banner.print(application: application, addresses: server.boundAddresses, certificatePath: certificatePath)

        let received = signals.wait()
        logger.notice("stopping", [("signal", received == SIGINT ? "SIGINT" : "SIGTERM")])
        server.shutdown(gracePeriod: shutdownGrace)
        server.waitUntilStopped()
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

    /// Request logging (paths only, never queries: they may carry codes) and, when asked, CORS.
    func middleware(_ environment: ServeEnvironment, _ options: GongMockOptions) -> [any HTTPMiddleware] {
        var chain: [any HTTPMiddleware] = [RequestLoggingMiddleware(logger: environment.logger.scoped("request"), level: .debug)]
        // Outermost, so the log and every check see the proxy's view of the request.
        if options.trustProxy { chain.insert(ForwardedHeadersMiddleware(), at: 0) }
        if options.cors {
            chain.append(CORSMiddleware(
                allowedOrigins: .any,
                allowedHeaders: ["Authorization", "Content-Type", "Accept", "Mcp-Session-Id", "MCP-Protocol-Version", "Last-Event-ID"],
                exposedHeaders: ["Mcp-Session-Id", "WWW-Authenticate", "MCP-Protocol-Version", "Location"]))
        }
        return chain
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

/// What the responder factory may need to know about how it is served.
struct ServeEnvironment: Sendable {
    let logger: Logger
    let scheme: String
    let publicURL: String?

    /// `--public-url` without a trailing slash, else the URL of the bound socket (an unspecified
    /// address is shown as the loopback a local client would use).
    func baseURL(host: String, port: Int) -> String {
        if let publicURL {
            return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        }
        let shown: String
        switch host {
        case "0.0.0.0", "": shown = "127.0.0.1"
        case "::", "[::]": shown = "[::1]"
        default: shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        }
        return "\(scheme)://\(shown):\(port)"
    }
}
