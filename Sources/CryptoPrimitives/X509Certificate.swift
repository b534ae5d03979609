import COpenSSL
import CShims
import Glibc

/// Owns one OpenSSL `X509*` and frees it in `deinit`.
final class X509Certificate {
    let pointer: OpaquePointer

    init(owning pointer: OpaquePointer) { self.pointer = pointer }

    deinit { X509_free(pointer) }

    /// The first "CERTIFICATE" block of `pem`.
    convenience init(pem: String) throws(CryptoError) {
        let operation = "reading a certificate PEM"
        let bio = try MemoryBIO(text: pem, operation: operation)
        OpenSSLErrorQueue.clear()
        let parsed = withExtendedLifetime(bio) { PEM_read_bio_X509(bio.pointer, nil, { _, _, _, _ in 0 }, nil) }
        guard let certificate = parsed else {
            throw .openSSL(operation, fallback: "no \"CERTIFICATE\" PEM block")
        }
        self.init(owning: certificate)
    }

    func pem() throws(CryptoError) -> String {
        let operation = "writing a certificate PEM"
        let bio = try MemoryBIO(operation: operation)
        OpenSSLErrorQueue.clear()
        guard PEM_write_bio_X509(bio.pointer, pointer) == 1 else { throw .openSSL(operation) }
        return bio.readAll()
    }

    /// The subjectAltName extension's DNS names and IP addresses (IPs rendered by `inet_ntop`,
    /// so IPv6 comes back in RFC 5952 canonical form).
    func subjectAlternativeNames() -> (dnsNames: [String], ipAddresses: [String]) {
        guard let names = CShims_X509_get_subject_alt_names(pointer) else { return ([], []) }
        defer { CShims_GENERAL_NAMES_free(names) }
        var dnsNames: [String] = []
        var ipAddresses: [String] = []
        for index in 0..<CShims_GENERAL_NAMES_count(names) {
            guard let name = CShims_GENERAL_NAMES_at(names, index),
                  let string = CShims_GENERAL_NAME_string(name) else { continue }
            let bytes = Self.bytes(of: string)
            switch CShims_GENERAL_NAME_type(name) {
            case GEN_DNS: dnsNames.append(String(decoding: bytes, as: UTF8.self))
            case GEN_IPADD: if let text = Self.ipText(bytes) { ipAddresses.append(text) }
            default: continue
            }
        }
        return (dnsNames, ipAddresses)
    }

    /// The first CN of the subject (or issuer) name.
    func commonName(issuer: Bool = false) -> String? {
        guard let name = issuer ? X509_get_issuer_name(pointer) : X509_get_subject_name(pointer) else { return nil }
        let index = X509_NAME_get_index_by_NID(name, NID_commonName, -1)
        guard index >= 0, let entry = X509_NAME_get_entry(name, index),
              let data = X509_NAME_ENTRY_get_data(entry) else { return nil }
        return String(decoding: Self.bytes(of: data), as: UTF8.self)
    }

    /// notBefore / notAfter as seconds since the Unix epoch.
    var validity: (notBefore: Int, notAfter: Int)? {
        guard let notBefore = X509_get0_notBefore(pointer).flatMap(Self.epochSeconds),
              let notAfter = X509_get0_notAfter(pointer).flatMap(Self.epochSeconds) else { return nil }
        return (notBefore, notAfter)
    }

    private static func epochSeconds(_ time: UnsafePointer<ASN1_TIME>) -> Int? {
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        return Int(timegm(&parts))
    }

    private static func bytes(of string: UnsafePointer<ASN1_STRING>) -> [UInt8] {
        let length = Int(ASN1_STRING_length(string))
        guard length > 0, let data = ASN1_STRING_get0_data(string) else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: length))
    }

    private static func ipText(_ address: [UInt8]) -> String? {
        let family: Int32
        switch address.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let result = address.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count))
        }
        guard result != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
