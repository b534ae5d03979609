import Essentials

/// Formatting shared by the admin API and pages.
enum AdminFormat {
    /// RFC 3339 UTC timestamp with seconds (`2026-11-25T16:10:53Z`), computed without Foundation
    /// (days-from-civil inverse, H. Hinnant's algorithm).
    static func timestamp(_ seconds: Double) -> String { UTCTimestamp.iso8601(seconds) }

    /// A credit amount as JSON would print it (`12`, `0.5`).
    static func number(_ value: Double) -> String { JSONSerializer.string(.number(value)) }

    /// The JSON form of an integration. The secret is in full only when `revealSecret`.
    static func integration(_ integration: MCPIntegration, revealSecret: Bool, registeredClients: Int) -> JSONValue {
        var object = JSONObject()
        object["id"] = .string(integration.id)
        object["name"] = .string(integration.name)
        object["authorizationContext"] = .string(integration.authorizationContext.rawValue)
        object["registrationType"] = .string(integration.registrationType.rawValue)
        object["redirectURIs"] = .array(integration.redirectURIs.map(JSONValue.string))
        object["chatGPTDynamicRedirect"] = .bool(integration.chatGPTDynamicRedirect)
        object["scopes"] = .array(integration.scopes.map { .string($0.rawValue) })
        object["clientId"] = .string(integration.clientId)
        object["clientSecret"] = .string(revealSecret ? integration.clientSecret : integration.maskedSecret)
        object["createdAt"] = .string(timestamp(integration.createdAt))
        object["secretRotatedAt"] = integration.secretRotatedAt.map { .string(timestamp($0)) } ?? .null
        object["registeredClients"] = .number(Double(registeredClients))
        return .object(object)
    }

    static func user(_ user: CompanyUser) -> JSONValue {
        ["id": .string(user.id), "name": .string(user.name), "email": .string(user.email), "title": .string(user.title),
         "seatType": .string(user.seatType.rawValue), "active": .bool(user.active),
         "managerId": user.managerID.map(JSONValue.string) ?? .null, "team": .string(user.team),
         "permissionScope": .string(user.permissionScope.rawValue), "mayUseMCPServer": .bool(user.mayUseMCPServer)]
    }

    static func account(_ account: CRMAccount) -> JSONValue {
        ["id": .string(account.id), "name": .string(account.name), "domain": .string(account.domain),
         "industry": .string(account.industry), "ownerId": .string(account.ownerID)]
    }

    static func deal(_ deal: Deal) -> JSONValue {
        ["id": .string(deal.id), "name": .string(deal.name), "accountId": .string(deal.accountID), "ownerId": .string(deal.ownerID),
         "stage": .string(deal.stage), "amount": .number(deal.amount), "currency": .string(deal.currency),
         "closeDate": .string(deal.closeDate)]
    }

    static func contact(_ contact: Contact) -> JSONValue {
        ["id": .string(contact.id), "accountId": .string(contact.accountID), "name": .string(contact.name),
         "title": .string(contact.title), "email": .string(contact.email)]
    }

    static func brief(_ brief: Brief) -> JSONValue {
        ["id": .string(brief.id), "name": .string(brief.name), "published": .bool(brief.published),
         "entityTypes": .array(brief.entityTypes.map { .string($0.rawValue) }),
         "sections": .array(brief.sections.map { ["title": .string($0.title), "type": .string($0.type.rawValue)] })]
    }
}
