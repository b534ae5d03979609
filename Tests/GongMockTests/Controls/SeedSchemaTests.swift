import Essentials
import Foundation
import Testing
@testable import GongMock

/// `Fixtures/seed.schema.json` names every member the seed reader accepts and every fault kind.
@Suite struct SeedSchemaTests {
    static func schema() throws -> JSONValue {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/seed.schema.json")
        return try JSONParser.parse(Array(try Data(contentsOf: url)))
    }

    @Test func schemaMatchesTheReader() throws {
        let schema = try Self.schema()
        let members = schema["properties"]?.objectValue?.keys ?? []
        #expect(Set(members) == Set(SeedFile.topLevelKeys.map(\.name)))
        let integration = schema["$defs"]?["integration"]?["properties"]?.objectValue?.keys ?? []
        #expect(Set(integration) == Set(SeedFile.integrationKeys))
        for (definition, keys) in [("registeredClient", SeedFile.registeredClientKeys), ("grant", SeedFile.grantKeys),
                                   ("refreshToken", SeedFile.refreshTokenKeys)] {
            #expect(Set(schema["$defs"]?[definition]?["properties"]?.objectValue?.keys ?? []) == Set(keys), "\(definition)")
        }
        #expect(Set(schema["properties"]?["company"]?["properties"]?.objectValue?.keys ?? []) == Set(SeedFile.companyKeys))
        let modes = schema["properties"]?["creditsExhausted"]?["enum"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(modes == CreditExhaustionMode.allCases.map(\.rawValue))
        let kinds = schema["$defs"]?["fault"]?["properties"]?["kind"]?["enum"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(kinds == FaultKind.allCases.map(\.rawValue))
        let faultMembers = Set(schema["$defs"]?["fault"]?["properties"]?.objectValue?.keys ?? [])
        let parameters = Set(FaultKind.allCases.flatMap { $0.parameters.map(\.name) } + ["kind"])
        #expect(faultMembers == parameters)
    }
}
