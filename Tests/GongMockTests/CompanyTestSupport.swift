import Essentials
import Testing
import Foundation
@testable import GongMock

/// Shared helpers for the Company/Tools/Credits suites.
enum CompanyTestSupport {
    /// 2026-06-10T12:00:00Z, a Wednesday in Q2: every fixture time resolves against it.
    static let now: Double = 1_781_092_800

    static var fixtureDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/company").path
    }

    static func bundled() throws -> CompanyData {
        try CompanyData.bundled(clock: ManualClock(startingAt: now))
    }

    /// Copies the canonical fixture into a fresh temporary directory a test may break.
    static func scratchCopy() throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("gong-fixture-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: fixtureDirectory) where file.hasSuffix(".json") {
            try FileManager.default.copyItem(atPath: fixtureDirectory + "/" + file, toPath: directory + "/" + file)
        }
        return directory
    }

    static func readJSON(_ directory: String, _ file: String) throws -> JSONValue {
        let data = try #require(FileManager.default.contents(atPath: directory + "/" + file))
        return try JSONParser.parse(Array(data))
    }

    static func writeJSON(_ value: JSONValue, _ directory: String, _ file: String) throws {
        try Data(JSONSerializer.bytes(value)).write(to: URL(fileURLWithPath: directory + "/" + file))
    }
}

extension JSONValue {
    /// A copy with `key` of the object at array position `index` replaced (nil removes it).
    func replacing(index: Int, key: String, with newValue: JSONValue?) -> JSONValue {
        guard case .array(var items) = self, items.indices.contains(index), case .object(var object) = items[index] else {
            return self
        }
        object[key] = newValue
        items[index] = .object(object)
        return .array(items)
    }
}
