import HTTPServer
import Testing
@testable import OAuth

@Suite struct HostileInputTests {
    static let bodies: [[UInt8]] = [
        [], [0xFF, 0xFE, 0x00], Array("%%%&&&==%G1".utf8), Array(String(repeating: "a=b&", count: 5000).utf8),
        Array("grant_type=authorization_code&grant_type=refresh_token".utf8), Array("{\"a\":".utf8),
    ]

    @Test(arguments: ["/oauth2/token", "/oauth2/token", "/oauth2/register", "/oauth2/revoke", "/oauth2/introspect",
                      "/oauth2/authorize", "/oauth2/authorize/decision"])
    func garbageNeverCrashesAndNeverSucceeds(_ path: String) throws {
        let harness = try Harness { configuration in
            configuration.revocation = true
            configuration.introspection = true
        }
        for body in Self.bodies {
            for contentType in ["application/x-www-form-urlencoded", "application/json", "text/plain"] {
                let request = HTTPRequest(method: .post, target: path + "?x=%ZZ&client_id=", headers: ["Content-Type": contentType], body: body)
                let response = try harness.send(request)
                #expect((400..<500).contains(response.status.code), "\(path) \(contentType) answered \(response.status)")
            }
        }
        let weird = try harness.get("/oauth2/authorize", [("client_id", "manual-1"), ("redirect_uri", "http://[::1"), ("state", String(repeating: "s", count: 10_000))])
        #expect(weird.status == .badRequest)
    }
}
