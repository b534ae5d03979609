import Essentials

/// Logs one line per request: method, path (never the query, which can carry codes and
/// tokens), status, duration, peer and connection.
public struct RequestLoggingMiddleware: HTTPMiddleware {
    public let logger: Logger
    public let level: LogLevel

    public init(logger: Logger, level: LogLevel = .info) {
        self.logger = logger
        self.level = level
    }

    public func handle(_ request: HTTPRequest, context: RequestContext, next: any HTTPResponder) throws -> HTTPResponse {
        guard logger.isEnabled(level) else { return try next.respond(to: request, context: context) }
        let started = SystemCall.monotonicNanoseconds()
        do {
            let response = try next.respond(to: request, context: context)
            log(request, context, status: response.status.code, started: started)
            return response
        } catch let error as any HTTPResponseError {
            log(request, context, status: error.response().status.code, started: started)
            throw error
        } catch {
            log(request, context, status: 500, started: started)
            throw error
        }
    }

    private func log(_ request: HTTPRequest, _ context: RequestContext, status: Int, started: UInt64) {
        let micros = (SystemCall.monotonicNanoseconds() &- started) / 1000
        let duration = "\(micros / 1000).\(String(micros % 1000 + 1000).dropFirst())ms"
        logger.log(level, "\(request.method.rawValue) \(request.path) \(status)", [
            ("method", request.method.rawValue), ("path", request.path), ("status", "\(status)"),
            ("duration", duration), ("remote", context.remoteAddress), ("connection", "\(context.connectionID)"),
        ])
    }
}
