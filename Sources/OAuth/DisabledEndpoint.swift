import HTTPServer

/// The answer of a switched-off extra endpoint (registration, revocation, introspection): the
/// 404 a server without it would give, with the switch named in the body so nobody has to guess.
struct DisabledEndpoint: HTTPResponseError {
    let explanation: String
    func response() -> HTTPResponse { .text("Not Found: \(explanation)\n", status: .notFound) }
}
