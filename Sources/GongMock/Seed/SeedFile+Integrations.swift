import Essentials

/// The `integrations` key of the seed file.
extension SeedFile {
    static let integrationKeys = ["id", "name", "authorizationContext", "registrationType", "redirectURIs",
                                  "chatGPTDynamicRedirect", "scopes", "clientId", "clientSecret"]

    static func parseIntegrations(_ value: JSONValue, _ context: SeedFileContext) throws(SeedError) -> [IntegrationDraft] {
        let reader = SeedReader(file: context.fileName)
        var drafts: [IntegrationDraft] = []
        var clientIds: [String: Int] = [:]
        var ids: [String: Int] = [:]
        for (index, element) in try reader.array(value, at: "integrations").enumerated() {
            let path = "integrations[\(index)]"
            let draft = try parseIntegration(element, at: path, reader)
            if let clientId = draft.clientId {
                if let previous = clientIds[clientId] {
                    throw context.error(path + ".clientId", "\"\(clientId)\" is already used by integrations[\(previous)]")
                }
                clientIds[clientId] = index
            }
            if let id = draft.id {
                if let previous = ids[id] { throw context.error(path + ".id", "\"\(id)\" is already used by integrations[\(previous)]") }
                ids[id] = index
            }
            drafts.append(draft)
        }
        return drafts
    }

    static func parseIntegration(_ value: JSONValue, at path: String, _ reader: SeedReader) throws(SeedError) -> IntegrationDraft {
        let object = try reader.object(value, at: path)
        try reader.checkKeys(object, known: integrationKeys, at: path)
        let name = try reader.nonEmptyString(try reader.require(object, "name", at: path), at: path + ".name")
        var draft = IntegrationDraft(name: name, redirectURIs: [])

        if let value = object["authorizationContext"] {
            let text = try reader.choice(value, at: path + ".authorizationContext", ["PERSONAL", "SHARED"])
            draft.authorizationContext = AuthorizationContext(rawValue: text) ?? .default
        }
        if let value = object["registrationType"] {
            let text = try reader.choice(value, at: path + ".registrationType", ["MANUAL", "AUTOMATIC"])
            draft.registrationType = RegistrationType(rawValue: text) ?? .default
        }
        if let value = object["chatGPTDynamicRedirect"] {
            draft.chatGPTDynamicRedirect = try reader.bool(value, at: path + ".chatGPTDynamicRedirect")
        }
        let urisPath = path + ".redirectURIs"
        let uris = try reader.stringArray(try reader.require(object, "redirectURIs", at: path), at: urisPath)
        for (index, uri) in uris.enumerated() {
            if let rejection = RedirectURIRules.validate(RedirectURIRules.trim(uri)) {
                throw reader.fail("\(urisPath)[\(index)]", rejection.message)
            }
        }
        guard !RedirectURIRules.normalize(uris).uris.isEmpty || draft.chatGPTDynamicRedirect else {
            throw reader.fail(urisPath, "at least one redirect URI is required unless chatGPTDynamicRedirect is true")
        }
        draft.redirectURIs = uris

        if let value = object["scopes"] {
            let scopesPath = path + ".scopes"
            let names = try reader.stringArray(value, at: scopesPath)
            for (index, name) in names.enumerated() where MCPScope(rawValue: name) == nil {
                throw reader.fail("\(scopesPath)[\(index)]", "unknown scope \"\(name)\"; known scopes: \(MCPScope.all.map(\.rawValue).joined(separator: ", "))")
            }
            guard !names.isEmpty else { throw reader.fail(scopesPath, "expected at least one scope") }
            draft.scopes = names
        }
        for key in ["clientId", "clientSecret"] {
            guard let value = object[key] else { continue }
            let credential = try reader.string(value, at: path + "." + key)
            guard CredentialGenerator.isAcceptableFixedCredential(credential) else {
                throw reader.fail(path + "." + key, "expected 8 to 256 printable ASCII characters without spaces or ':'")
            }
            if key == "clientId" { draft.clientId = credential } else { draft.clientSecret = credential }
        }
        if let value = object["id"] {
            let id = try reader.nonEmptyString(value, at: path + ".id")
            guard id.utf8.count <= 64, id.unicodeScalars.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || $0 == "-" || $0 == "_" }) else {
                throw reader.fail(path + ".id", "expected 1 to 64 characters of A-Z a-z 0-9 - _")
            }
            draft.id = id
        }
        return draft
    }
}
