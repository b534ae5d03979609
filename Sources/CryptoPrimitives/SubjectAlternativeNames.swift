/// The DNS names and IP addresses of a certificate's subjectAltName (RFC 5280 §4.2.1.6).
public struct SubjectAlternativeNames: Sendable, Equatable {
    public let dnsNames: [String]
    /// IPv4 dotted-quad or IPv6 in RFC 5952 canonical text.
    public let ipAddresses: [String]

    public init(dnsNames: [String], ipAddresses: [String]) {
        self.dnsNames = dnsNames
        self.ipAddresses = ipAddresses
    }
}
