extension AdminAPIError {
    /// 400 with the JSON path and the problem as the seed reader words it (no file name), for
    /// the test controls that take seed-schema documents (`PUT /_mock/state`, `POST /_mock/faults`).
    init(invalid code: String, _ error: SeedError) {
        self.init(.badRequest, code, error.keyPath.isEmpty ? error.problem : "\(error.keyPath): \(error.problem)")
    }
}
