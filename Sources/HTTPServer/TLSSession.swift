import COpenSSL

/// One server-side TLS connection: an `SSL*` reading and writing the non-blocking socket
/// directly, freed in `deinit`. Every call clears the OpenSSL error queue first and maps the
/// outcome to `TLSResult` (want read / want write / complete / failed), so the event loop
/// simply waits for the named readiness and calls again.
final class TLSSession {
    private let ssl: OpaquePointer
    private(set) var handshakeComplete = false

    init(context: TLSContext, fd: Int32) throws(TLSError) {
        ERR_clear_error()
        guard let ssl = SSL_new(context.context) else { throw TLSError.drain("SSL_new") }
        self.ssl = ssl
        guard SSL_set_fd(ssl, fd) == 1 else { throw TLSError.drain("SSL_set_fd") }
        SSL_set_accept_state(ssl)
    }

    deinit { SSL_free(ssl) }

    func handshake() -> TLSResult<Void> {
        ERR_clear_error()
        let status = SSL_do_handshake(ssl)
        if status == 1 {
            handshakeComplete = true
            return .complete(())
        }
        return outcome(status, "TLS handshake", closed: nil)
    }

    /// Decrypted bytes; `complete(0)` is the end of the stream (close_notify or TCP EOF).
    func read(into buffer: UnsafeMutableRawBufferPointer) -> TLSResult<Int> {
        ERR_clear_error()
        let count = SSL_read(ssl, buffer.baseAddress, Int32(min(buffer.count, Int(Int32.max))))
        if count > 0 { return .complete(Int(count)) }
        return outcome(count, "SSL_read", closed: 0)
    }

    func write(_ bytes: UnsafeRawBufferPointer) -> TLSResult<Int> {
        guard !bytes.isEmpty else { return .complete(0) }
        ERR_clear_error()
        let count = SSL_write(ssl, bytes.baseAddress, Int32(min(bytes.count, Int(Int32.max))))
        if count > 0 { return .complete(Int(count)) }
        return outcome(count, "SSL_write", closed: nil)
    }

    /// Sends close_notify once, without waiting for the peer's.
    func shutdown() {
        guard handshakeComplete else { return }
        ERR_clear_error()
        _ = SSL_shutdown(ssl)
        ERR_clear_error()
    }

    /// `closed` is what a clean close means for this call (0 bytes for a read; a failure otherwise).
    private func outcome<Value>(_ status: Int32, _ operation: String, closed: Value?) -> TLSResult<Value> {
        let code = SSL_get_error(ssl, status)
        switch code {
        case SSL_ERROR_WANT_READ: return .wantRead
        case SSL_ERROR_WANT_WRITE: return .wantWrite
        case SSL_ERROR_ZERO_RETURN:
            if let closed { return .complete(closed) }
            return .failed(TLSError(operation: operation, message: "connection closed"))
        case SSL_ERROR_SYSCALL:
            let error = TLSError.drain(operation, fallback: "connection reset or closed by peer")
            return .failed(error)
        default:
            return .failed(TLSError.drain(operation))
        }
    }
}
