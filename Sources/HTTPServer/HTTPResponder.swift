/// Anything that turns a request into a response: a route handler, a router, a middleware chain.
/// Synchronous on purpose: handlers run on the event loop and the domain is in memory, so there
/// is nothing to await; a slow answer is expressed with `HTTPResponse.delay` or a streamed body.
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest, context: RequestContext) throws -> HTTPResponse
}

/// A responder from a closure.
public struct ClosureResponder: HTTPResponder {
    private let body: @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse
    public init(_ body: @escaping @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse) { self.body = body }
    public func respond(to request: HTTPRequest, context: RequestContext) throws -> HTTPResponse {
        try body(request, context)
    }
}

/// `(request, context, next)` middleware, as in Hummingbird: it may answer on its own, change
/// the request or context before `next`, or change the response after.
public protocol HTTPMiddleware: Sendable {
    func handle(_ request: HTTPRequest, context: RequestContext, next: any HTTPResponder) throws -> HTTPResponse
}

/// A responder wrapped in middleware; the first middleware in the list runs outermost.
public struct MiddlewareChain: HTTPResponder {
    private let middleware: [any HTTPMiddleware]
    private let responder: any HTTPResponder

    public init(_ middleware: [any HTTPMiddleware], responder: any HTTPResponder) {
        self.middleware = middleware
        self.responder = responder
    }

    public func respond(to request: HTTPRequest, context: RequestContext) throws -> HTTPResponse {
        try Link(middleware: middleware[...], responder: responder).respond(to: request, context: context)
    }

    private struct Link: HTTPResponder {
        let middleware: ArraySlice<any HTTPMiddleware>
        let responder: any HTTPResponder
        func respond(to request: HTTPRequest, context: RequestContext) throws -> HTTPResponse {
            guard let first = middleware.first else { return try responder.respond(to: request, context: context) }
            return try first.handle(request, context: context, next: Link(middleware: middleware.dropFirst(), responder: responder))
        }
    }
}
