import HTTPServer

/// Fuzz target `form-router`: `URLEncodedForm` (WHATWG URL §5, RFC 3986 §2.1) and `Router` path
/// matching on arbitrary text.
///
/// The first byte picks the method, the rest is used as a form body, as a percent-encoded
/// string and as a request target. Checks: no crash, hang or leak; parse(bytes) agrees with
/// parse(text); encode → parse returns the parsed pairs unchanged; percentEncode → strict
/// percentDecode is the identity; routing answers 200 (with the parameters its pattern
/// names), 404, or 405 with a non-empty `Allow`, and never throws.
/// Builds the router before the first input, so libFuzzer's per-input leak check does not
/// count its process-lifetime allocations.
@_cdecl("LLVMFuzzerInitialize")
public func formRouterFuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    _ = FormRouterFuzzRoutes.router
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func formRouterFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = FuzzCheck.bytes(data, size)
    guard let control = input.first else { return 0 }
    let body = Array(input.dropFirst())
    let text = String(decoding: body, as: UTF8.self)

    let pairs = URLEncodedForm.parse(body)
    let fromText = URLEncodedForm.parse(text)
    FuzzCheck.expect(pairs.elementsEqual(fromText, by: ==), "parse([UInt8]) and parse(String) disagree on \(FuzzCheck.hex(body))")
    let reparsed = URLEncodedForm.parse(URLEncodedForm.encode(pairs.map { ($0.name, $0.value) }))
    FuzzCheck.expect(reparsed.elementsEqual(pairs, by: ==), "encode → parse changed the pairs of \(FuzzCheck.hex(body)): \(pairs) → \(reparsed)")

    FuzzCheck.expect(URLEncodedForm.percentDecode(URLEncodedForm.percentEncode(text), plusAsSpace: false) == text,
                     "percentEncode → percentDecode is not the identity on \(FuzzCheck.hex(body))")
    for plusAsSpace in [false, true] {
        if let decoded = URLEncodedForm.percentDecode(text, plusAsSpace: plusAsSpace) {
            let encoded = URLEncodedForm.percentEncode(decoded)
            FuzzCheck.expect(URLEncodedForm.percentDecode(encoded, plusAsSpace: plusAsSpace) == decoded,
                             "decode → encode → decode is unstable on \(FuzzCheck.hex(body))")
            if !text.utf8.contains(UInt8(ascii: "%")) && !(plusAsSpace && text.utf8.contains(UInt8(ascii: "+"))) {
                FuzzCheck.expect(decoded == text, "decoding changed text without escapes: \(FuzzCheck.hex(body))")
            }
        } else {
            FuzzCheck.expect(text.utf8.contains(UInt8(ascii: "%")), "strict decoding refused text without escapes: \(FuzzCheck.hex(body))")
        }
    }

    let methods: [HTTPMethod] = [.get, .head, .post, .delete, .put, .options, HTTPMethod("PATCH"), HTTPMethod("BREW")]
    let method = methods[Int(control) % methods.count]
    let request = HTTPRequest(method: method, target: text)
    _ = request.queryItems
    let response: HTTPResponse
    do {
        response = try FormRouterFuzzRoutes.router.respond(to: request, context: RequestContext())
    } catch {
        FuzzCheck.fail("Router.respond threw \(error) for \(method.rawValue) \(FuzzCheck.hex(body))")
    }
    switch response.status.code {
    case 200, 404: break
    case 405:
        FuzzCheck.expect(!(response.headers["Allow"] ?? "").isEmpty, "405 without Allow for \(method.rawValue) \(FuzzCheck.hex(body))")
    default:
        FuzzCheck.fail("router answered \(response.status.code) for \(method.rawValue) \(FuzzCheck.hex(body))")
    }
    return 0
}

/// Routes shaped like the mock's (literal, `{param}`, trailing `*`, overlapping patterns).
enum FormRouterFuzzRoutes {
    static let router: Router = {
        var router = Router()
        let patterns: [(HTTPMethod, String)] = [
            (.get, "/"), (.get, "/mcp"), (.post, "/mcp"), (.delete, "/mcp"),
            (.get, "/.well-known/oauth-protected-resource/mcp"),
            (.get, "/admin/api/integrations/{id}"), (.delete, "/admin/api/integrations/{id}"),
            (.post, "/admin/api/integrations/{id}/credentials"),
            (.get, "/v2/calls/{callId}/{part}"), (.get, "/static/*"), (.put, "/static/{name}"),
        ]
        for (method, pattern) in patterns {
            let names = pattern.split(separator: "/").compactMap { piece -> String? in
                if piece == "*" { return "*" }
                return piece.hasPrefix("{") ? String(piece.dropFirst().dropLast()) : nil
            }
            router.add(method, pattern) { request, context in
                for name in names {
                    FuzzCheck.expect(context.pathParameters[name] != nil, "route \(pattern) matched \(request.target) without parameter \(name)")
                }
                FuzzCheck.expect(context.pathParameters.count == names.count, "route \(pattern) captured \(context.pathParameters) for \(request.target)")
                return .text("ok")
            }
        }
        return router
    }()
}
