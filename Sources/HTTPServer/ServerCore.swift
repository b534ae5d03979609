import Essentials
import Synchronization

/// What every event loop of one server shares: configuration, the responder, the logger, the
/// TLS context and the server-wide counters. Immutable apart from atomics.
final class ServerCore: Sendable {
    let configuration: HTTPServerConfiguration
    let responder: any HTTPResponder
    let logger: Logger
    let tls: TLSContext?
    let observer: (any HTTPServerObserver)?
    /// Connections open right now, across loops (for the connection cap).
    let openConnections = Atomic<Int>(0)
    /// Connections being refused with 503 right now (bounded separately).
    let refusingConnections = Atomic<Int>(0)
    private let nextConnectionID = Atomic<UInt64>(0)

    init(configuration: HTTPServerConfiguration, responder: any HTTPResponder, logger: Logger, tls: TLSContext?,
         observer: (any HTTPServerObserver)? = nil) {
        self.configuration = configuration
        self.observer = observer
        self.responder = responder
        self.logger = logger
        self.tls = tls
    }

    var limits: HTTPLimits { configuration.limits }

    func makeConnectionID() -> UInt64 { nextConnectionID.add(1, ordering: .relaxed).newValue }
}
