/// A brief as configured in Gong's Agent Studio > AI Briefer (gong.md §2.1 `briefName`).
/// Only published briefs can be generated through the API or MCP.
///
/// Fixture file `briefs.json`; see Fixtures/README.md.
public struct Brief: Sendable, Hashable {
    public let id: String
    public let name: String
    public let published: Bool
    public let entityTypes: [CRMEntityType]
    public let sections: [BriefSection]

    public init(id: String, name: String, published: Bool, entityTypes: [CRMEntityType], sections: [BriefSection]) {
        self.id = id
        self.name = name
        self.published = published
        self.entityTypes = entityTypes
        self.sections = sections
    }
}
