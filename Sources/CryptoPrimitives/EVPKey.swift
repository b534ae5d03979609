import COpenSSL
import CShims
import Synchronization

/// Owns one OpenSSL `EVP_PKEY*` (private or public) and frees it in `deinit`, in the manner of
/// swift-nio-ssl's key wrappers.
///
/// `@unchecked Sendable`: the key is never mutated after construction, and OpenSSL 3 allows one
/// `EVP_PKEY` to be used from several threads at once for signing and verifying; verifying builds
/// a short-lived `EVP_MD_CTX` per call, signing borrows a context from `signer`'s pool.
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer
    private let signer: DigestSigner
    /// The `EC_KEY` that `signSHA256Raw` signs with, taken on first use (verifying keys never need it).
    private let ecKey = Mutex<UnsafeMutableRawPointer?>(nil)

    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
        signer = DigestSigner(key: pointer)
    }

    deinit {
        if let key = ecKey.withLock({ $0 }) { CShims_EC_KEY_free(key) }
        EVP_PKEY_free(pointer)
    }

    var isEC: Bool { EVP_PKEY_is_a(pointer, "EC") == 1 }
    var isRSA: Bool { EVP_PKEY_is_a(pointer, "RSA") == 1 }
    var bits: Int { Int(EVP_PKEY_get_bits(pointer)) }
    /// Maximum signature size in bytes (for RSA, the modulus length).
    var maximumSignatureSize: Int { Int(EVP_PKEY_get_size(pointer)) }

    /// The EC curve's short name ("prime256v1" for P-256), nil for other key types.
    var groupName: String? {
        var buffer = [CChar](repeating: 0, count: 64)
        var length = 0
        OpenSSLErrorQueue.clear()
        guard EVP_PKEY_get_group_name(pointer, &buffer, buffer.count, &length) == 1 else {
            OpenSSLErrorQueue.clear()
            return nil
        }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: Generation

    /// A fresh key from `EVP_PKEY_generate`; `configure` sets curve or modulus size on the context.
    static func generate(type: String, operation: String,
                         configure: (OpaquePointer) -> Int32) throws(CryptoError) -> EVPKey {
        OpenSSLErrorQueue.clear()
        guard let context = EVP_PKEY_CTX_new_from_name(nil, type, nil) else { throw .openSSL(operation) }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1, configure(context) == 1 else { throw .openSSL(operation) }
        var key: OpaquePointer?
        guard EVP_PKEY_generate(context, &key) == 1, let key else { throw .openSSL(operation) }
        return EVPKey(owning: key)
    }

    // MARK: Import and export

    /// Any private key PEM OpenSSL's decoders understand: PKCS#8 "PRIVATE KEY", and the
    /// traditional "EC PRIVATE KEY" / "RSA PRIVATE KEY" forms.
    static func privateKey(pem: String) throws(CryptoError) -> EVPKey {
        let operation = "reading a private key PEM"
        if pem.contains("ENCRYPTED") {
            throw .invalid(operation, "the PEM is encrypted; provide an unencrypted PKCS#8 \"PRIVATE KEY\"")
        }
        guard pem.contains("-----BEGIN") else {
            throw .invalid(operation, "no \"-----BEGIN ... PRIVATE KEY-----\" block found")
        }
        let bio = try MemoryBIO(text: pem, operation: operation)
        OpenSSLErrorQueue.clear()
        // A callback that supplies no passphrase: the default one would prompt on the terminal.
        let parsed = withExtendedLifetime(bio) { PEM_read_bio_PrivateKey(bio.pointer, nil, { _, _, _, _ in 0 }, nil) }
        guard let key = parsed else {
            throw .openSSL(operation, fallback: "not a private key PEM")
        }
        return EVPKey(owning: key)
    }

    /// PKCS#8 "PRIVATE KEY" PEM, unencrypted.
    func privateKeyPEM() throws(CryptoError) -> String {
        let operation = "writing a private key PEM"
        let bio = try MemoryBIO(operation: operation)
        OpenSSLErrorQueue.clear()
        guard PEM_write_bio_PrivateKey(bio.pointer, pointer, nil, nil, 0, nil, nil) == 1 else {
            throw .openSSL(operation)
        }
        return bio.readAll()
    }

    /// A big-number parameter ("n", "e", "qx", "qy") as big-endian bytes, left-padded to
    /// `length` when given (JWK EC coordinates are fixed-size, RFC 7518 §6.2.1.2).
    func bigNumberParameter(_ name: String, length: Int? = nil) throws(CryptoError) -> [UInt8] {
        let operation = "reading key parameter \"\(name)\""
        var number: OpaquePointer?
        OpenSSLErrorQueue.clear()
        guard EVP_PKEY_get_bn_param(pointer, name, &number) == 1, let number else { throw .openSSL(operation) }
        defer { BN_free(number) }
        return try BigNumber.bytes(number, length: length, operation: operation)
    }

    /// A provider parameter for `publicKey(type:parameters:)`.
    enum Parameter {
        case utf8(String, String)
        case octets(String, [UInt8])
        /// Unsigned big-endian integer.
        case unsigned(String, [UInt8])
    }

    /// A public key from provider parameters (`EVP_PKEY_fromdata`), as built from a JWK.
    ///
    /// `OSSL_PARAM_BLD` keeps pointers to parameter names and values until `to_param`, so every
    /// name and value is copied into storage owned here for the whole call.
    static func publicKey(type: String, parameters: [Parameter], operation: String) throws(CryptoError) -> EVPKey {
        var storage = ParameterStorage()
        defer { storage.release() }
        OpenSSLErrorQueue.clear()
        guard let builder = OSSL_PARAM_BLD_new() else { throw .openSSL(operation) }
        defer { OSSL_PARAM_BLD_free(builder) }
        for parameter in parameters {
            let pushed: Int32
            switch parameter {
            case .utf8(let name, let value):
                pushed = OSSL_PARAM_BLD_push_utf8_string(builder, storage.cString(name), storage.cString(value), 0)
            case .octets(let name, let value):
                pushed = OSSL_PARAM_BLD_push_octet_string(builder, storage.cString(name), storage.bytes(value), value.count)
            case .unsigned(let name, let value):
                guard let number = storage.bigNumber(value) else { throw .openSSL(operation) }
                pushed = OSSL_PARAM_BLD_push_BN(builder, storage.cString(name), number)
            }
            guard pushed == 1 else { throw .openSSL(operation) }
        }
        guard let built = OSSL_PARAM_BLD_to_param(builder) else { throw .openSSL(operation) }
        defer { OSSL_PARAM_free(built) }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, type, nil) else { throw .openSSL(operation) }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_fromdata_init(context) == 1,
              EVP_PKEY_fromdata(context, &key, CShims_EVP_PKEY_PUBLIC_KEY(), built) == 1,
              let key else {
            throw .openSSL(operation, fallback: "OpenSSL refused the key parameters")
        }
        return EVPKey(owning: key)
    }

    // MARK: Signatures

    /// SHA-256 then sign. ECDSA output is DER; RSA is PKCS#1 v1.5. The digest is computed here
    /// and signed with a reused context (see `DigestSigner`), which is what `EVP_DigestSign`
    /// does internally minus the per-call initialisation.
    func signSHA256(_ message: [UInt8]) throws(CryptoError) -> [UInt8] {
        try signer.sign(digest: SHA256.hash(message), maximumLength: maximumSignatureSize)
    }

    /// SHA-256 then ECDSA, as R || S with each half `half` bytes (RFC 7518 §3.4: 32 for ES256).
    /// The same signature `signSHA256` gives in DER, without the provider's DER round trip
    /// (see ecdsa_shims.c).
    func signSHA256Raw(_ message: [UInt8], half: Int) throws(CryptoError) -> [UInt8] {
        let operation = "signing"
        OpenSSLErrorQueue.clear()
        let key: UnsafeMutableRawPointer? = ecKey.withLock { key in
            if key == nil { key = CShims_EC_KEY_from_EVP_PKEY(pointer) }
            return key
        }
        guard let key else { throw .openSSL(operation) }
        let digest = SHA256.hash(message)
        var failed = false
        let signature = [UInt8](unsafeUninitializedCapacity: 2 * half) { buffer, count in
            failed = digest.withUnsafeBufferPointer { input in
                CShims_ECDSA_sign_raw(key, input.baseAddress, input.count, buffer.baseAddress, half)
            } != 1
            count = failed ? 0 : 2 * half
        }
        if failed { throw .openSSL(operation) }
        return signature
    }

    /// Verifies a DER (ECDSA) or PKCS#1 v1.5 (RSA) signature over SHA-256 of `message`.
    func verifySHA256(signature: [UInt8], message: [UInt8]) -> Bool {
        OpenSSLErrorQueue.clear()
        defer { OpenSSLErrorQueue.clear() }
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, OpenSSLDigest.sha256.pointer, nil, pointer) == 1 else { return false }
        let status = message.withUnsafeBufferPointer { input in
            signature.withUnsafeBufferPointer { sig in
                EVP_DigestVerify(context, sig.baseAddress, sig.count, input.baseAddress, input.count)
            }
        }
        return status == 1
    }
}
