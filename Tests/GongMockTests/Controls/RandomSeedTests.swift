import Essentials
import HTTPServer
import Testing
@testable import GongMock

/// `--random-seed`: a seeded run hands out the same ids and secrets, also after a restore.
@Suite struct RandomSeedTests {
    typealias H = GongMockHarness

    static func create(_ harness: H) -> [String] {
        let created = H.json(harness.control(.post, "/admin/api/integrations", ["name": "Made now", "redirectURIs": ["https://example.com/cb"]]))
        return ["id", "clientId", "clientSecret"].map { created[$0]?.stringValue ?? "" }
    }

    @Test func theSameSeedGivesTheSameIDs() throws {
        var options = GongMockOptions()
        options.randomSeed = 42
        let first = try H(options: options), second = try H(options: options)
        let ids = Self.create(first)
        #expect(ids.allSatisfy { !$0.isEmpty })
        #expect(Self.create(second) == ids)
        options.randomSeed = 43
        #expect(Self.create(try H(options: options)) != ids)
    }

    @Test func aRestoredRunRepeatsTheSequence() throws {
        var options = GongMockOptions()
        options.randomSeed = 7
        let harness = try H(options: options)
        let snapshot = H.json(harness.control(.post, "/_mock/snapshot"))["id"]?.stringValue ?? ""
        let ids = Self.create(harness)
        #expect(harness.control(.post, "/_mock/restore", ["id": .string(snapshot)]).status == .ok)
        #expect(Self.create(harness) == ids)
    }

    @Test func unseededSourcesDiffer() {
        #expect(RandomSource().next() != RandomSource().next())
        let seeded = RandomSource(seed: 1)
        #expect((0..<100).allSatisfy { _ in (10...20).contains(seeded.next(in: 10...20)) })
    }
}
