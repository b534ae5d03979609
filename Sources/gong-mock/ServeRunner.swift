#if canImport(Glibc)
import Glibc
#endif
import Essentials
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
        let responder = try makeResponder(environment)
        let server = HTTPServer(configuration: configuration, responder: responder, logger: logger.scoped("http"))
        do {
            try server.start()
        } catch {
            throw StartupFailure(message: error.description)
        }

        let baseURL = environment.baseURL(host: options.host, port: server.boundPort)
        if let readyFile = options.readyFile {
            do {
                try ReadyFile.write(to: readyFile, baseURL: baseURL, adminToken: "", port: server.boundPort)
            } catch {
                server.shutdown(gracePeriod: .zero)
                server.waitUntilStopped()
                throw StartupFailure(message: "cannot write --ready-file: \(error)")
            }
        }
        Banner.print(baseURL: baseURL, addresses: server.boundAddresses, certificatePath: certificatePath)

        let received = signals.wait()
        logger.notice("stopping", [("signal", received == SIGINT ? "SIGINT" : "SIGTERM")])
        server.shutdown(gracePeriod: shutdownGrace)
        server.waitUntilStopped()
        if let readyFile = options.readyFile { _ = unlink(readyFile) }
        logger.notice("stopped")
    }

    /// The responder behind the server. Replace this with the GongMock composition.
    func makeResponder(_ environment: ServeEnvironment) throws -> any HTTPResponder {
        DefaultResponder.make(logger: environment.logger)
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
