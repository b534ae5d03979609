/// The two kinds of AI Briefer sections that matter for credits (gong.md §1.6): open-ended
/// sections each re-analyse the conversations; smart-tracker sections reuse tracker results.
public enum BriefSectionType: String, Sendable, Hashable, CaseIterable {
    case openEnded = "OPEN_ENDED"
    case smartTracker = "SMART_TRACKER"
}
