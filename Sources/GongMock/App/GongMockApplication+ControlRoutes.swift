import HTTPServer

extension GongMockApplication {
    /// Every `/_mock/*` route (the admin-token gate is `MockControlRoutes`'s). Features add
    /// theirs here, one line each, with their handlers in their own files.
    func installControlRoutes(into controls: inout MockControlRoutes) {
        MockControlAPI(state: state, logger: logger.scoped("controls")).install(into: &controls)
        installJournalRoutes(into: &controls)
    }
}
