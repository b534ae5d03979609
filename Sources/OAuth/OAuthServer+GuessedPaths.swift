import Essentials
import HTTPServer

extension OAuthServer {
    /// MCP 2025-03-26 §2.3.3 lets a client without metadata fall back to `/authorize`, `/token`
    /// and `/register` at the issuer's root. This server publishes its endpoints in RFC 8414
    /// metadata (at other paths), so those guesses get a JSON error naming the real endpoint,
    /// instead of a bare 404 that leaves the user wondering what went wrong.
    static let guessedPaths = ["/authorize", "/token", "/register"]

    func installGuessedPaths(into router: inout Router, configuration: OAuthConfiguration) {
        let served = Set([configuration.paths.authorize, configuration.paths.token, configuration.paths.register] + configuration.paths.tokenAliases)
        for path in Self.guessedPaths where !served.contains(path) {
            for method in [HTTPMethod.get, .post] {
                router.add(method, path) { [self] request, _ in guessedPathResponse(path: request.path) }
            }
        }
    }

    func guessedPathResponse(path: String) -> HTTPResponse {
        let configuration = self.configuration
        let metadataURL = configuration.url(configuration.paths.authorizationServerMetadata)
        let fromMetadata = "Read the endpoints from the authorization server metadata at \(metadataURL) (RFC 8414) rather than guessing default paths."
        let explanation: String
        switch path {
        case "/authorize":
            explanation = "There is no authorization endpoint at /authorize: this server's authorization_endpoint is "
                + "\(configuration.url(configuration.paths.authorize)). \(fromMetadata)"
        case "/token":
            explanation = "There is no token endpoint at /token: this server's token_endpoint is "
                + "\(configuration.url(configuration.paths.token)). \(fromMetadata)"
        default:
            if registrationEnabled(configuration) {
                explanation = "There is no registration endpoint at /register: this server's registration_endpoint is "
                    + "\(configuration.url(configuration.paths.register)). \(fromMetadata)"
            } else {
                explanation = "There is no registration endpoint at /register, and the metadata at \(metadataURL) advertises none: "
                    + policy.registrationUnavailableAdvice(switchedOff: configuration.advertiseRegistration == false)
            }
        }
        record(.discovery, .refused, rule: "discovery.guessed_path", explanation: explanation, fields: [("path", path)])
        let body: JSONValue = ["error": "not_found", "error_description": .string(explanation)]
        return .json(JSONSerializer.bytes(body), status: .notFound, headers: ["Cache-Control": "no-store"])
    }
}
