import Essentials
import HTTPServer

/// The responder until the GongMock composition is wired in: liveness and a placeholder page.
enum DefaultResponder {
    static func make(logger: Logger) -> any HTTPResponder {
        var router = Router()
        router.get("/healthz") { _, _ in .json(Array(#"{"status":"ok"}"#.utf8)) }
        router.get("/") { _, _ in
            .text("gong-mock \(GongMockCommand.version) is running. The MCP endpoint will be at /mcp.\n")
        }
        return MiddlewareChain([RequestLoggingMiddleware(logger: logger.scoped("request"), level: .debug)], responder: router)
    }
}
