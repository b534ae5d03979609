import Testing
@testable import OAuth

@Suite struct OAuthPlaceholderTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
