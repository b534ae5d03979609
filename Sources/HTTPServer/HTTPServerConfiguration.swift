#if canImport(Glibc)
import Glibc
#endif
import Essentials

/// Where and how the server listens.
public struct HTTPServerConfiguration: Sendable {
    /// Host name or numeric address (`127.0.0.1`, `::1`, `::`, `0.0.0.0`, `localhost`). Every
    /// address it resolves to gets a listening socket.
    public var host: String
    /// TCP port; 0 picks a free ephemeral port (read it back from `HTTPServer.boundPort`).
    public var port: Int
    /// Event-loop threads; defaults to one per core.
    public var threads: Int
    public var limits: HTTPLimits
    /// Serve HTTPS with this certificate and key; nil for plain HTTP.
    public var tls: TLSConfiguration?
    /// What the `Date` header shows (a virtual clock moves it); deadlines stay on monotonic time.
    public var clock: any ServerClock = SystemClock()

    public init(host: String = "127.0.0.1", port: Int = 7777, threads: Int = HTTPServerConfiguration.defaultThreadCount,
                limits: HTTPLimits = .default, tls: TLSConfiguration? = nil) {
        self.host = host
        self.port = port
        self.threads = threads
        self.limits = limits
        self.tls = tls
    }

    /// One thread per online core.
    public static var defaultThreadCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
