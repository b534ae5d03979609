import Testing
@testable import CryptoPrimitives

@Suite struct SelfSignedCertificateTests {
    @Test(arguments: [SigningKey.Algorithm.es256, .rs256])
    func certificateParsesBackWithItsNames(_ algorithm: SigningKey.Algorithm) throws {
        let key = algorithm == .es256 ? try SigningKey.generate(.es256) : try SigningKey(pem: RFCVectors.rsaPrivateKeyPEM)
        let pem = try SelfSignedCertificate.generate(
            commonName: "gong-mock local", dnsNames: ["localhost", "mcp.gong.test", "*.gong.test"],
            ipAddresses: ["127.0.0.1", "::1", "fe80::1:2"], validDays: 30, key: key)
        #expect(pem.hasPrefix("-----BEGIN CERTIFICATE-----\n"))
        #expect(pem.hasSuffix("-----END CERTIFICATE-----\n"))

        let names = try SelfSignedCertificate.subjectAlternativeNames(pem: pem)
        #expect(names.dnsNames == ["localhost", "mcp.gong.test", "*.gong.test"])
        #expect(names.ipAddresses == ["127.0.0.1", "::1", "fe80::1:2"])

        let summary = try SelfSignedCertificate.summary(pem: pem)
        #expect(summary.subjectCommonName == "gong-mock local")
        #expect(summary.issuerCommonName == "gong-mock local")
        // Validity is one hour before issue to validDays after; compare the span, not the clock.
        #expect(summary.notAfter - summary.notBefore == 30 * 86_400 + 3_600)
    }

    @Test func certificateWithoutNamesHasNoSAN() throws {
        let pem = try SelfSignedCertificate.generate(commonName: "bare", dnsNames: [], ipAddresses: [],
                                                     validDays: 1, key: SigningKey.generate(.es256))
        #expect(try SelfSignedCertificate.subjectAlternativeNames(pem: pem) == SubjectAlternativeNames(dnsNames: [], ipAddresses: []))
    }

    @Test func badInputsAreRefusedWithReasons() throws {
        let key = try SigningKey.generate(.es256)
        let attempts: [(String, [String], [String], Int)] = [
            ("", ["localhost"], [], 1),
            (String(repeating: "x", count: 65), [], [], 1),
            ("ok", ["bad name,DNS:evil"], [], 1),
            ("ok", [""], [], 1),
            ("ok", [], ["300.1.1.1"], 1),
            ("ok", [], ["localhost"], 1),
            ("ok", [], [], 0),
            ("ok", [], [], SelfSignedCertificate.maximumValidDays + 1),
        ]
        for (commonName, dnsNames, ipAddresses, validDays) in attempts {
            do {
                _ = try SelfSignedCertificate.generate(commonName: commonName, dnsNames: dnsNames,
                                                       ipAddresses: ipAddresses, validDays: validDays, key: key)
                Issue.record("expected refusal for \(commonName) \(dnsNames) \(ipAddresses) \(validDays)")
            } catch {
                #expect(!error.detail.isEmpty)
            }
        }
    }

    @Test func garbageIsNotACertificate() {
        #expect(throws: CryptoError.self) { _ = try SelfSignedCertificate.subjectAlternativeNames(pem: "nope") }
    }
}
