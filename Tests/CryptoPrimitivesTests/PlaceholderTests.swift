import Testing
@testable import CryptoPrimitives

@Suite struct CryptoPrimitivesPlaceholderTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
