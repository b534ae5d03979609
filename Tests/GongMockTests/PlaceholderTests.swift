import Testing
@testable import GongMock

@Suite struct GongMockPlaceholderTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
