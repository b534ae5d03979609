/// Request cookies (RFC 6265 §5.4) and `Set-Cookie` values (§4.1).
public enum Cookies {
    /// All `name=value` pairs of every `Cookie` field, in order.
    public static func parse(_ headers: HTTPHeaders) -> [(name: String, value: String)] {
        headers.values("Cookie").flatMap { field in
            field.split(separator: ";").compactMap { piece -> (String, String)? in
                let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2 else { return nil }
                return (parts[0].trimmingHTTPWhitespace(), parts[1].trimmingHTTPWhitespace())
            }
        }
    }

    public static func value(_ name: String, in headers: HTTPHeaders) -> String? {
        parse(headers).first(where: { $0.name == name })?.value
    }

    /// A `Set-Cookie` value; HttpOnly and SameSite=Strict unless told otherwise.
    public static func setCookie(name: String, value: String, path: String = "/", maxAge: Int? = nil, secure: Bool, httpOnly: Bool = true, sameSite: String = "Strict") -> String {
        var parts = ["\(name)=\(value)", "Path=\(path)"]
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        if secure { parts.append("Secure") }
        if httpOnly { parts.append("HttpOnly") }
        parts.append("SameSite=\(sameSite)")
        return parts.joined(separator: "; ")
    }
}
