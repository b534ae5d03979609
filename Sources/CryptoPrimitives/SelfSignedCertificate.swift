import COpenSSL
import CShims

/// Self-signed X.509 v3 server certificates (RFC 5280) for the mock's local TLS listener.
public enum SelfSignedCertificate {
    /// Longest validity accepted, about 100 years; beyond that a typo is more likely than intent.
    public static let maximumValidDays = 36_500

    /// X.509 v3 with subject = issuer = CN=`commonName`; subjectAltName (RFC 5280 §4.2.1.6) of
    /// the DNS names and IP addresses (IPv4 or IPv6 text); a random positive 127-bit serial
    /// (§4.1.2.2); validity from one hour ago (tolerating clock skew) to `validDays` from now;
    /// basicConstraints CA:FALSE, keyUsage digitalSignature (both critical), extendedKeyUsage
    /// serverAuth, subjectKeyIdentifier; signed with `key` (ECDSA-SHA256 or RSA-SHA256).
    /// Returns the "CERTIFICATE" PEM.
    public static func generate(commonName: String, dnsNames: [String], ipAddresses: [String],
                                validDays: Int, key: SigningKey) throws(CryptoError) -> String {
        let operation = "generating a self-signed certificate"
        try validate(commonName: commonName, dnsNames: dnsNames, validDays: validDays, operation: operation)
        OpenSSLErrorQueue.clear()
        guard let raw = X509_new() else { throw .openSSL(operation) }
        let certificate = X509Certificate(owning: raw)
        let pkey = key.joseKey.key.pointer

        guard X509_set_version(raw, 2) == 1 else { throw .openSSL(operation) }   // 2 means v3
        try setSerialNumber(raw, operation: operation)
        guard X509_time_adj_ex(X509_getm_notBefore(raw), 0, -3600, nil) != nil,
              X509_time_adj_ex(X509_getm_notAfter(raw), Int32(validDays), 0, nil) != nil else {
            throw .openSSL(operation, fallback: "could not set the validity period")
        }
        guard X509_set_pubkey(raw, pkey) == 1 else { throw .openSSL(operation) }
        try setNames(raw, commonName: commonName, operation: operation)
        try addExtensions(raw, operation: operation)
        try addSubjectAlternativeNames(raw, dnsNames: dnsNames, ipAddresses: ipAddresses, operation: operation)
        guard X509_sign(raw, pkey, OpenSSLDigest.sha256.pointer) > 0 else { throw .openSSL(operation) }
        return try certificate.pem()
    }

    /// The DNS names and IP addresses in the subjectAltName of the first certificate in `pem`.
    public static func subjectAlternativeNames(pem: String) throws(CryptoError) -> SubjectAlternativeNames {
        let names = try X509Certificate(pem: pem).subjectAlternativeNames()
        return SubjectAlternativeNames(dnsNames: names.dnsNames, ipAddresses: names.ipAddresses)
    }

    /// Subject CN, issuer CN, validity and SANs of the first certificate in `pem`.
    public static func summary(pem: String) throws(CryptoError) -> CertificateSummary {
        let certificate = try X509Certificate(pem: pem)
        guard let validity = certificate.validity else {
            throw .openSSL("reading certificate validity", fallback: "unreadable notBefore/notAfter")
        }
        let names = certificate.subjectAlternativeNames()
        return CertificateSummary(
            subjectCommonName: certificate.commonName(), issuerCommonName: certificate.commonName(issuer: true),
            notBefore: validity.notBefore, notAfter: validity.notAfter,
            subjectAlternativeNames: SubjectAlternativeNames(dnsNames: names.dnsNames, ipAddresses: names.ipAddresses))
    }

    private static func validate(commonName: String, dnsNames: [String], validDays: Int,
                                 operation: String) throws(CryptoError) {
        // RFC 5280 Appendix A: ub-common-name is 64.
        guard (1...64).contains(commonName.utf8.count) else {
            throw .invalid(operation, "common name must be 1 to 64 bytes, got \(commonName.utf8.count)")
        }
        guard commonName.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F }) else {
            throw .invalid(operation, "common name contains control characters")
        }
        guard (1...maximumValidDays).contains(validDays) else {
            throw .invalid(operation, "validDays must be 1 to \(maximumValidDays), got \(validDays)")
        }
        for name in dnsNames where !isDNSName(name) {
            throw .invalid(operation, "\"\(name)\" is not a DNS name (letters, digits, '-', '.', leading \"*.\" allowed, at most 253 bytes)")
        }
    }

    /// A dNSName is an IA5String in preferred name syntax (RFC 5280 §4.2.1.6), wildcard allowed.
    private static func isDNSName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...253).contains(bytes.count) else { return false }
        let body = name.hasPrefix("*.") ? Array(bytes.dropFirst(2)) : bytes
        let labels = body.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return !labels.isEmpty && labels.allSatisfy { label in
            (1...63).contains(label.count) && label.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                     UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): return true
                default: return false
                }
            }
        }
    }

    private static func setSerialNumber(_ raw: OpaquePointer, operation: String) throws(CryptoError) {
        var serial = SecureRandom.bytes(count: 16)
        serial[0] = (serial[0] & 0x7F) | 0x40   // positive and non-zero, at most 20 octets
        guard let number = BigNumber.make(serial) else { throw .openSSL(operation) }
        defer { BN_free(number) }
        guard BN_to_ASN1_INTEGER(number, X509_get_serialNumber(raw)) != nil else { throw .openSSL(operation) }
    }

    private static func setNames(_ raw: OpaquePointer, commonName: String, operation: String) throws(CryptoError) {
        guard let name = X509_NAME_new() else { throw .openSSL(operation) }
        defer { X509_NAME_free(name) }
        guard X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, commonName, -1, -1, 0) == 1,
              X509_set_subject_name(raw, name) == 1, X509_set_issuer_name(raw, name) == 1 else {
            throw .openSSL(operation, fallback: "could not set the subject name")
        }
    }

    private static func addExtensions(_ raw: OpaquePointer, operation: String) throws(CryptoError) {
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, raw, raw, nil, nil, 0)
        let extensions: [(Int32, String)] = [
            (NID_basic_constraints, "critical,CA:FALSE"),
            (NID_key_usage, "critical,digitalSignature"),
            (NID_ext_key_usage, "serverAuth"),
            (NID_subject_key_identifier, "hash"),
        ]
        for (nid, value) in extensions {
            guard let ext = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
                throw .openSSL(operation, fallback: "could not build extension \(value)")
            }
            defer { X509_EXTENSION_free(ext) }
            guard X509_add_ext(raw, ext, -1) == 1 else { throw .openSSL(operation) }
        }
    }

    private static func addSubjectAlternativeNames(_ raw: OpaquePointer, dnsNames: [String], ipAddresses: [String],
                                                   operation: String) throws(CryptoError) {
        guard !dnsNames.isEmpty || !ipAddresses.isEmpty else { return }
        var badIndex = 0
        let status = CStringArray.with(dnsNames) { dns in
            CStringArray.with(ipAddresses) { ips in
                CShims_X509_add_subject_alt_names(raw, dns, dnsNames.count, ips, ipAddresses.count, &badIndex)
            }
        }
        if status == -1 {
            OpenSSLErrorQueue.clear()
            throw .invalid(operation, "\"\(ipAddresses[badIndex])\" is not an IPv4 or IPv6 address")
        }
        guard status == 1 else { throw .openSSL(operation, fallback: "could not add subjectAltName") }
    }
}
