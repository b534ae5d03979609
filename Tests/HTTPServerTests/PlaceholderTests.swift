import Testing
@testable import HTTPServer

@Suite struct HTTPServerPlaceholderTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
