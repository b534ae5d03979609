import Testing
@testable import MCP

@Suite struct MCPPlaceholderTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
