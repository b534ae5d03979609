import CryptoPrimitives

extension TLSConfiguration {
    /// A fresh self-signed certificate (EC P-256: generated in about a millisecond, unlike RSA)
    /// for local use, naming `localhost`, `127.0.0.1` and `::1` plus any extra names given.
    public static func selfSigned(
        commonName: String = "localhost",
        dnsNames: [String] = ["localhost"],
        ipAddresses: [String] = ["127.0.0.1", "::1"],
        validDays: Int = 365
    ) throws(HTTPServerError) -> TLSConfiguration {
        do {
            let key = try SigningKey.generate(.es256)
            let certificate = try SelfSignedCertificate.generate(commonName: commonName, dnsNames: dnsNames,
                                                                 ipAddresses: ipAddresses, validDays: validDays, key: key)
            return TLSConfiguration(certificateChainPEM: certificate, privateKeyPEM: try key.privateKeyPEM())
        } catch {
            throw HTTPServerError.tls("could not generate a self-signed certificate: \(error)")
        }
    }
}
