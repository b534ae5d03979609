import Essentials
import Foundation
import HTTPServer
import OAuth
import Testing
@testable import GongMock

/// The smallest policy the round trip needs: one confidential client and one person.
final class RoundTripPolicy: OAuthPolicy {
    static let redirect = "https://client.example.com/cb"
    static let scopes = ["mcp:ai-ask:read", "mcp:ai-briefer:read"]

    func client(id: String) -> OAuthClient? {
        guard id == "manual-1" else { return nil }
        return OAuthClient(id: id, name: "Manual", secret: "s3cret", kind: .preRegistered, allowedScopes: Set(Self.scopes),
                           redirectDecision: { RedirectURIMatcher.decision(for: $0, registered: [Self.redirect]) })
    }

    var dynamicRegistrationAvailable: Bool { false }

    func registerClient(_ request: ClientRegistrationRequest) -> Result<OAuthClient, RegistrationRefusal> {
        .failure(RegistrationRefusal(.invalidClientMetadata, "no dynamic registration in this test"))
    }

    func metadataDocumentClient(_ document: ClientMetadataDocument) -> Result<OAuthClient, MetadataDocumentRefusal> {
        .failure(MetadataDocumentRefusal("no metadata documents in this test"))
    }

    func users(for client: OAuthClient) -> [OAuthSubject] { [OAuthSubject(id: "u-ada", displayName: "Ada", email: "ada@example.com")] }

    func subject(matching idOrEmail: String, for client: OAuthClient) -> OAuthSubject? {
        users(for: client).first { $0.id == idOrEmail || $0.email == idOrEmail }
    }

    func additionalClaims(subject: OAuthSubject, client: OAuthClient) -> JSONObject { JSONObject([("integration_id", "int-1")]) }

    func isAuthorizationStillValid(clientID: String, subjectID: String) -> String? { nil }
}

/// An `OAuthServer` on the SQLite store, spoken to through its router.
struct RoundTripServer {
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    static let resource = "http://127.0.0.1:7777/mcp"

    let server: OAuthServer
    let router: Router
    let store: SQLiteOAuthStateStore

    init(directory: String, clock: ManualClock, configure: (inout OAuthConfiguration) -> Void = { _ in }) throws {
        store = SQLiteOAuthStateStore(database: try StateDatabase(directory: directory))
        var configuration = OAuthConfiguration(issuer: "http://127.0.0.1:7777", resource: Self.resource, scopesSupported: RoundTripPolicy.scopes)
        GongPreset.apply(to: &configuration)
        configuration.autoApproveSubject = "u-ada"
        configure(&configuration)
        server = try OAuthServer(configuration: configuration, policy: RoundTripPolicy(), clock: clock,
                                 logger: Logger(category: "oauth", sink: MemoryLogSink(), clock: clock), store: store)
        var router = Router()
        server.install(into: &router)
        self.router = router
    }

    func authorizationCode() throws -> String {
        let query = URLEncodedForm.encode([
            ("response_type", "code"), ("client_id", "manual-1"), ("redirect_uri", RoundTripPolicy.redirect), ("state", "st"),
            ("code_challenge", Self.challenge), ("code_challenge_method", "S256"), ("resource", Self.resource),
        ])
        let response = try router.respond(to: HTTPRequest(method: .get, target: "/oauth2/authorize?" + query), context: RequestContext())
        #expect(response.status == .found)
        let location = try #require(response.headers["Location"])
        let mark = try #require(location.firstIndex(of: "?"))
        return try #require(URLEncodedForm.parse(String(location[location.index(after: mark)...])).first { $0.name == "code" }?.value)
    }

    func token(_ form: [(String, String)]) throws -> (status: HTTPStatus, body: JSONObject) {
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/x-www-form-urlencoded")
        let body = URLEncodedForm.encode(form + [("client_id", "manual-1"), ("client_secret", "s3cret")])
        let response = try router.respond(to: HTTPRequest(method: .post, target: "/oauth2/generate-mcp-token", headers: headers, body: Array(body.utf8)),
                                          context: RequestContext())
        guard case .bytes(let bytes) = response.body else { throw OAuthStoreError("token response has no body") }
        return (response.status, try #require(try JSONParser.parse(bytes).objectValue))
    }
}

@Suite struct SQLiteOAuthStateStoreServerTests {
    /// Tokens issued before a restart keep working after it: the signing key, the grant and the
    /// refresh token come back from the database, and the spent code stays spent.
    @Test func tokensSurviveARestartOfTheServer() throws {
        let directory = try OAuthStoreSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = ManualClock()
        let code: String
        let accessToken: String
        let refreshToken: String
        do {
            let first = try RoundTripServer(directory: directory, clock: clock)
            code = try first.authorizationCode()
            let issued = try first.token([("grant_type", "authorization_code"), ("code", code), ("redirect_uri", RoundTripPolicy.redirect),
                                          ("code_verifier", RoundTripServer.verifier)])
            #expect(issued.status == .ok, "\(issued.body)")
            accessToken = try #require(issued.body["access_token"]?.stringValue)
            refreshToken = try #require(issued.body["refresh_token"]?.stringValue)
            #expect(throws: Never.self) { try first.server.verifyAccessToken(accessToken).get() }
            #expect(try first.store.signingKeyPEMs().count == 1)
        }

        clock.advance(by: 120)
        let second = try RoundTripServer(directory: directory, clock: clock)
        #expect(try second.store.signingKeyPEMs().count == 1, "the restarted server must reuse the stored key, not make a new one")
        let verified = try second.server.verifyAccessToken(accessToken).get()
        #expect(verified.subject == "u-ada" && verified.clientID == "manual-1")
        #expect(verified.claims["integration_id"] == "int-1")
        let grants = try second.server.grants()
        #expect(grants.map(\.id) == [verified.grantID] && grants.first?.isRevoked == false)

        let refreshed = try second.token([("grant_type", "refresh_token"), ("refresh_token", refreshToken)])
        #expect(refreshed.status == .ok, "\(refreshed.body)")
        let newAccess = try #require(refreshed.body["access_token"]?.stringValue)
        #expect(try second.server.verifyAccessToken(newAccess).get().grantID == verified.grantID)
        #expect(refreshed.body["refresh_token"]?.stringValue != refreshToken)

        // The code was stored as consumed and linked to its grant: replaying it after the
        // restart is refused and revokes that grant (RFC 6749 §4.1.2).
        let replay = try second.token([("grant_type", "authorization_code"), ("code", code), ("redirect_uri", RoundTripPolicy.redirect),
                                       ("code_verifier", RoundTripServer.verifier)])
        #expect(replay.status == .badRequest && replay.body["error"] == "invalid_grant", "\(replay.body)")
        #expect(try second.server.grants().first?.isRevoked == true)
        #expect(throws: AccessTokenRejection.self) { try second.server.verifyAccessToken(newAccess).get() }
    }
}
