import HTTPServer

/// The admin pages' "Sign in required" 401 with the challenge RFC 9110 §15.5.2 requires on every
/// 401. The pages sign in through the one-time login link (a session cookie), which no registered
/// authentication scheme describes, so the challenge names the cookie realm and the login form.
struct AdminSignInChallenge: HTTPResponseError {
    func response() -> HTTPResponse {
        var response = AdminPageError.signInRequired.response()
        response.headers.replaceOrAdd("WWW-Authenticate", "Cookie realm=\"gong-mock-admin\", form-action=\"/admin/login\"")
        return response
    }
}
