import COpenSSL
import CShims

/// Owns an OpenSSL `SSL_CTX` configured for serving (TLS 1.2 minimum), freed in `deinit`.
/// Immutable after init and shared by every loop: OpenSSL contexts are thread-safe to use
/// once configured.
final class TLSContext: @unchecked Sendable {
    let context: OpaquePointer

    init(_ configuration: TLSConfiguration) throws(HTTPServerError) {
        ERR_clear_error()
        guard let method = TLS_server_method(), let context = SSL_CTX_new(method) else {
            throw HTTPServerError.tls("\(TLSError.drain("SSL_CTX_new"))")
        }
        self.context = context
        guard CShims_SSL_CTX_configure_server(context) == 1 else {
            throw HTTPServerError.tls("\(TLSError.drain("configuring TLS 1.2 minimum"))")
        }
        try loadChain(configuration.certificateChainPEM)
        try loadKey(configuration.privateKeyPEM)
        guard SSL_CTX_check_private_key(context) == 1 else {
            throw HTTPServerError.tls("the private key does not match the certificate (\(TLSError.drain("SSL_CTX_check_private_key").message))")
        }
    }

    deinit { SSL_CTX_free(context) }

    private func loadChain(_ pem: String) throws(HTTPServerError) {
        let certificates = try Self.readPEM(pem, what: "certificate") { bio in PEM_read_bio_X509(bio, nil, nil, nil) }
        guard let leaf = certificates.first else {
            throw HTTPServerError.tls("no PEM certificate found (expected \"-----BEGIN CERTIFICATE-----\")")
        }
        defer { X509_free(leaf) }
        guard SSL_CTX_use_certificate(context, leaf) == 1 else {
            for extra in certificates.dropFirst() { X509_free(extra) }
            throw HTTPServerError.tls("\(TLSError.drain("SSL_CTX_use_certificate"))")
        }
        for extra in certificates.dropFirst() where CShims_SSL_CTX_add0_chain_cert(context, extra) != 1 {
            X509_free(extra)
            throw HTTPServerError.tls("\(TLSError.drain("adding an intermediate certificate"))")
        }
    }

    private func loadKey(_ pem: String) throws(HTTPServerError) {
        let keys = try Self.readPEM(pem, what: "private key") { bio in PEM_read_bio_PrivateKey(bio, nil, nil, nil) }
        guard let key = keys.first else {
            throw HTTPServerError.tls("no PEM private key found (expected \"-----BEGIN PRIVATE KEY-----\")")
        }
        defer { for key in keys { EVP_PKEY_free(key) } }
        guard SSL_CTX_use_PrivateKey(context, key) == 1 else {
            throw HTTPServerError.tls("\(TLSError.drain("SSL_CTX_use_PrivateKey"))")
        }
    }

    /// Reads every PEM object of one kind from text; stops at the first that does not parse.
    private static func readPEM<Object>(_ pem: String, what: String, _ read: (OpaquePointer?) -> Object?) throws(HTTPServerError) -> [Object] {
        var text = Array(pem.utf8)
        guard !text.isEmpty else { throw HTTPServerError.tls("empty \(what) PEM") }
        let objects: [Object]? = text.withUnsafeMutableBytes { raw -> [Object]? in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            var found: [Object] = []
            while let object = read(bio) { found.append(object) }
            return found
        }
        ERR_clear_error()
        guard let objects else { throw HTTPServerError.tls("out of memory reading \(what)") }
        return objects
    }
}
