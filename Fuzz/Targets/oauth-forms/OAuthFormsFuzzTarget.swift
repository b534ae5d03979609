import CryptoPrimitives
import Essentials
import HTTPServer
import OAuth

/// Fuzz target `oauth-forms`: the authorization server's form handling (RFC 6749 §4.1, §5.2;
/// RFC 9700 §4.1 open redirects) through `OAuthServer`'s own routes.
///
/// Control byte: bits 0-2 pick the request (token POST form, token POST with the form in the
/// query (the generic layer's `/oauth2/token`), authorize GET query, authorize POST form, consent decision POST form), bit 3 adds
/// HTTP Basic credentials of the confidential client, bit 4 uses the server that auto-approves,
/// bit 5 drops the Content-Type. The rest is the form (or query) text.
///
/// Checks: no crash, hang or leak; never a 5xx; the token endpoint only refuses (no input can
/// carry a valid code or refresh token), with `Cache-Control: no-store` and an RFC 6749 §5.2
/// error code in a JSON body; authorize answers 200 (consent page), 400 (error page, never a
/// redirect to an unregistered URI) or a redirect to a registered URI (a loopback one on any
/// port, RFC 8252 §7.3).
@_cdecl("LLVMFuzzerInitialize")
public func oauthFormsFuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    _ = OAuthFormsFuzzServers.servers
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func oauthFormsFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = FuzzCheck.bytes(data, size)
    guard let control = input.first else { return 0 }
    let form = Array(input.dropFirst())
    let text = String(decoding: form, as: UTF8.self)
    let servers = OAuthFormsFuzzServers.servers
    let router = control & 0x10 == 0 ? servers.consent : servers.autoApprove
    var headers = HTTPHeaders()
    if control & 0x20 == 0 { headers.add("Content-Type", "application/x-www-form-urlencoded") }
    if control & 0x08 != 0 {
        headers.add("Authorization", "Basic " + Base64.encode(Array("\(OAuthFormsFuzzServers.clientID):\(OAuthFormsFuzzServers.secret)".utf8)))
    }
    let kind = Int(control & 0x07) % 5
    let request: HTTPRequest
    switch kind {
    case 0: request = HTTPRequest(method: .post, target: "/oauth2/token", headers: headers, body: form)
    case 1: request = HTTPRequest(method: .post, target: "/oauth2/token?" + text, headers: headers, body: [])
    case 2: request = HTTPRequest(method: .get, target: "/oauth2/authorize?" + text, headers: headers)
    case 3: request = HTTPRequest(method: .post, target: "/oauth2/authorize", headers: headers, body: form)
    default: request = HTTPRequest(method: .post, target: "/oauth2/authorize/decision", headers: headers, body: form)
    }
    let response: HTTPResponse
    do {
        response = try router.respond(to: request, context: RequestContext())
    } catch {
        FuzzCheck.fail("OAuth route threw \(error) for kind \(kind) \(FuzzCheck.hex(input))")
    }
    let status = response.status.code
    FuzzCheck.expect(status < 500, "OAuth answered \(status) for kind \(kind) \(FuzzCheck.hex(input))")
    if kind <= 1 {
        FuzzCheck.expect(status == 400 || status == 401, "token endpoint answered \(status) to \(FuzzCheck.hex(input))")
        FuzzCheck.expect(response.headers["Cache-Control"] == "no-store", "token refusal without Cache-Control: no-store")
        let error = OAuthFormsFuzzServers.errorCode(response)
        FuzzCheck.expect(error.map(OAuthFormsFuzzServers.tokenErrors.contains) == true,
                         "token refusal without an RFC 6749 error code (\(error ?? "none")) for \(FuzzCheck.hex(input))")
    } else if (300..<400).contains(status) {
        let location = response.headers["Location"] ?? ""
        FuzzCheck.expect(OAuthFormsFuzzServers.isRegistered(location),
                         "authorize redirected to \(location) for \(FuzzCheck.hex(input))")
    } else {
        FuzzCheck.expect(status == 200 || status == 400 || status == 404 || status == 405 || status == 415,
                         "authorize answered \(status) for \(FuzzCheck.hex(input))")
    }
    return 0
}
