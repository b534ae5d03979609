/// What a test or a startup log needs to know about a certificate.
public struct CertificateSummary: Sendable, Equatable {
    public let subjectCommonName: String?
    public let issuerCommonName: String?
    /// Seconds since the Unix epoch.
    public let notBefore: Int
    public let notAfter: Int
    public let subjectAlternativeNames: SubjectAlternativeNames
}
