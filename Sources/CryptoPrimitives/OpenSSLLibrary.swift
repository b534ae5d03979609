import COpenSSL

/// The OpenSSL library this process runs with (`OpenSSL_version(3)`), which may differ from the
/// headers it was built against when linked dynamically.
public enum OpenSSLLibrary {
    /// E.g. `OpenSSL 3.0.17 1 Jul 2025`.
    public static var version: String {
        guard let text = OpenSSL_version(OPENSSL_VERSION) else { return "unknown" }
        return String(cString: text)
    }
}
