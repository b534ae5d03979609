import CryptoPrimitives
import Essentials
import Testing
@testable import GongMock

/// `access-token-expire` tells tokens issued before the fault from later ones by issuance order,
/// not by the second in `iat`: on a clock frozen to one second, every token below has the same
/// `iat` as the moment the fault armed.
@Suite struct AccessTokenExpireTests {
    typealias H = GongMockHarness

    static func frozenHarness() throws -> H {
        var options = GongMockOptions()
        options.seed = try SeedFile.parse(Array(H.defaultSeed.utf8), fileName: "seed.json")
        let frozen = AdjustableClock(base: ManualClock(startingAt: 1_790_000_000))
        return H(app: try GongMockApplication(options: options, baseURL: H.base, logger: Logger(category: "test"), clock: frozen))
    }

    static func iat(_ token: String) -> Double? {
        let parts = token.split(separator: ".")
        guard parts.count == 3, let payload = Base64URL.decode(String(parts[1])) else { return nil }
        return (try? JSONParser.parse(payload))?["iat"]?.doubleValue
    }

    @Test func aTokenOfTheSameSecondIsExpiredOnlyIfIssuedBeforeTheFault() throws {
        let harness = try Self.frozenHarness()
        let (code, verifier) = harness.code()
        let tokens = H.json(harness.redeem(code, verifier: verifier))
        let before = try #require(tokens["access_token"]?.stringValue)
        let refreshToken = try #require(tokens["refresh_token"]?.stringValue)

        harness.addFault(["kind": "access-token-expire", "when": "now"])
        // Refreshed before the old token is shown again: the old one must still be refused.
        let after = try #require(H.json(harness.refresh(refreshToken))["access_token"]?.stringValue)
        let other = harness.accessToken()
        #expect(Self.iat(before) == Self.iat(after))
        #expect(Self.iat(before) == harness.app.clock.now().rounded(.down))

        let refused = harness.mcp(before, method: "tools/list")
        #expect(refused.status == .unauthorized)
        #expect(refused.headers["WWW-Authenticate"]?.contains("expired") == true)
        #expect(harness.mcp(after, method: "tools/list").status == .ok)
        #expect(harness.mcp(other, method: "tools/list").status == .ok)
        #expect(harness.mcp(before, method: "tools/list").status == .unauthorized)
    }

    @Test func afterCallsArmsOnTheCallPastTheCountAndSparesLaterTokens() throws {
        let harness = try Self.frozenHarness()
        let access = harness.accessToken()
        harness.addFault(["kind": "access-token-expire", "afterCalls": 3])
        // mcp() sends three requests (initialize, initialized, tools/list): all pass.
        #expect(harness.mcp(access, method: "tools/list").status == .ok)
        #expect(harness.mcp(access, method: "tools/list").status == .unauthorized)
        let fresh = harness.accessToken()
        #expect(Self.iat(fresh) == Self.iat(access))
        #expect(harness.mcp(fresh, method: "tools/list").status == .ok)
    }

    @Test func restoringASnapshotKeepsTheOrder() throws {
        let harness = try Self.frozenHarness()
        let first = harness.accessToken()
        let snapshot = try #require(H.json(harness.control(.post, "/_mock/snapshot"))["id"]?.stringValue)
        harness.addFault(["kind": "access-token-expire", "when": "now"])
        #expect(harness.mcp(first, method: "tools/list").status == .unauthorized)
        #expect(harness.control(.post, "/_mock/restore", ["id": .string(snapshot)]).status == .ok)
        #expect(harness.mcp(first, method: "tools/list").status == .ok) // the fault is gone with the restore
        harness.addFault(["kind": "access-token-expire", "when": "now"])
        let second = harness.accessToken()
        #expect(harness.mcp(first, method: "tools/list").status == .unauthorized)
        #expect(harness.mcp(second, method: "tools/list").status == .ok)
    }
}
