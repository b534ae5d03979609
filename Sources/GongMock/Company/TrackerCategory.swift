/// The themes the fixture's trackers ground answers in (gong.md §1.2: "objections, risks,
/// stakeholder concerns, and competitive mentions"; issue #3: pricing, next steps).
public enum TrackerCategory: String, Sendable, Hashable, CaseIterable {
    case objections = "OBJECTIONS"
    case competitors = "COMPETITORS"
    case pricing = "PRICING"
    case risks = "RISKS"
    case nextSteps = "NEXT_STEPS"
    case stakeholders = "STAKEHOLDERS"
}
