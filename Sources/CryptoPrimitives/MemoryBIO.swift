import COpenSSL

/// An OpenSSL memory `BIO`, owned and freed in `deinit`, used to move PEM text in and out.
final class MemoryBIO {
    let pointer: OpaquePointer

    /// An empty, writable memory BIO.
    init(operation: String) throws(CryptoError) {
        OpenSSLErrorQueue.clear()
        guard let bio = BIO_new(BIO_s_mem()) else { throw .openSSL(operation) }
        pointer = bio
    }

    /// A memory BIO holding a copy of `text` (a copy, so no Swift buffer has to outlive a scope).
    convenience init(text: String, operation: String) throws(CryptoError) {
        try self.init(operation: operation)
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return }
        let written = bytes.withUnsafeBytes { BIO_write(pointer, $0.baseAddress, Int32($0.count)) }
        guard written == Int32(bytes.count) else { throw .openSSL(operation, fallback: "could not buffer the input") }
    }

    deinit { BIO_free(pointer) }

    /// Everything written so far, as text.
    func readAll() -> String {
        let pending = BIO_ctrl_pending(pointer)
        guard pending > 0 else { return "" }
        var buffer = [UInt8](repeating: 0, count: pending)
        let read = buffer.withUnsafeMutableBytes { BIO_read(pointer, $0.baseAddress, Int32($0.count)) }
        return String(decoding: buffer.prefix(max(0, Int(read))), as: UTF8.self)
    }
}
