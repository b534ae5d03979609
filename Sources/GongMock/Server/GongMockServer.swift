import Essentials
import HTTPServer
import Synchronization

/// The whole served stack in one place (DESIGN.md "seams: composition"): the HTTP server core,
/// and the application with its middleware chain and router, installed once it is built. The
/// executable, the tests and the `GongMockTesting` library all run this, so CORS, logging and
/// the journal are the same everywhere.
///
/// The socket binds before the application exists (its OAuth issuer and MCP resource contain the
/// bound port, and the company fixture loads meanwhile on another thread): until `install`, every
/// request gets 503 with `Retry-After: 1`. `start(options:…)` does bind + build + install in one call.
public final class GongMockServer: Sendable {
    public let configuration: HTTPServerConfiguration
    private let http: HTTPServer
    private let slot: ReplaceableResponder
    private let installed = Installed()

    /// The application being served; also the server core's observer, so refusals made below the
    /// responder (parse errors, 408, the connection cap) reach the application (the journal).
    private final class Installed: HTTPServerObserver {
        let application = Mutex<GongMockApplication?>(nil)
        func serverRefused(_ refusal: HTTPRefusal) { application.withLock { $0 }?.serverRefused(refusal) }
    }

    public init(configuration: HTTPServerConfiguration, logger: Logger) {
        let slot = ReplaceableResponder(startingMessage: GongPreset.startingMessage)
        self.configuration = configuration
        self.slot = slot
        http = HTTPServer(configuration: configuration, responder: slot, logger: logger.scoped("http"), observer: installed)
    }

    /// Binds and starts accepting; requests get 503 until `install`.
    public func bind() throws(GongMockStartupError) {
        do {
            try http.start()
        } catch {
            throw GongMockStartupError(error.description)
        }
    }

    /// Starts serving `application` (its responder: middleware chain + router).
    public func install(_ application: GongMockApplication) {
        installed.application.withLock { $0 = application }
        slot.install(application.responder)
    }

    /// The application being served, nil before `install`.
    public var application: GongMockApplication? { installed.application.withLock { $0 } }

    /// The port actually bound (useful with port 0); 0 before `bind`.
    public var port: Int { http.boundPort }

    /// Every bound address as `host:port`.
    public var boundAddresses: [String] { http.boundAddresses }

    /// The URL a local client uses: `publicURL` without a trailing slash when given, else the
    /// bound socket's (an unspecified address is shown as the loopback a local client would use).
    public func baseURL(publicURL: String? = nil) -> String {
        Self.baseURL(host: configuration.host, port: port, scheme: configuration.tls == nil ? "http" : "https", publicURL: publicURL)
    }

    public static func baseURL(host: String, port: Int, scheme: String, publicURL: String?) -> String {
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

    /// Stops accepting; in-flight requests get `gracePeriod` to finish. Returns once every loop ended.
    public func stop(gracePeriod: Duration = .seconds(5)) {
        http.shutdown(gracePeriod: gracePeriod)
        http.waitUntilStopped()
    }

    /// Binds, builds the application for the bound URL and serves it: the in-process way
    /// (tests, `GongMockTesting`). Defaults suit tests: loopback, an ephemeral port, one loop.
    public static func start(options: GongMockOptions = GongMockOptions(), host: String = "127.0.0.1", port: Int = 0, threads: Int = 1,
                             logger: Logger = Logger(category: "gong-mock"), clock: AdjustableClock = AdjustableClock(),
                             company: CompanyData? = nil) throws(GongMockStartupError) -> GongMockServer {
        var configuration = HTTPServerConfiguration(host: host, port: port)
        configuration.threads = threads
        configuration.clock = clock
        let server = GongMockServer(configuration: configuration, logger: logger)
        try server.bind()
        do {
            let application = try GongMockApplication(options: options, baseURL: server.baseURL(publicURL: options.publicURL),
                                                      logger: logger, clock: clock, company: company)
            server.install(application)
        } catch {
            server.stop(gracePeriod: .zero)
            throw error
        }
        return server
    }
}
